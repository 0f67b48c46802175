// The build-once example: examples/artifact/run.sh packs app/ into shop-VERSION.tgz, "publishes" it to a local
// S3Proxy (an S3-compatible server) and sets the environment below; the hosts download a presigned URL.
set 'application', 'shop'
set 'deploy_to', System.getenv('SHOP_DEPLOY_TO')
set 'artifact_url', "s3://builds/shop/shop-${System.getenv('SHOP_VERSION')}.tgz"
set 'artifact_sha256', "s3://builds/shop/SHA256SUMS"
set 'artifact_version', System.getenv('SHOP_VERSION')
set 'artifact_strip_components', 1
set 'artifact_s3_endpoint', System.getenv('SHOP_S3_ENDPOINT')
set 'artifact_s3_region', 'us-east-1'
set 'keep_releases', 3
