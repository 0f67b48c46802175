#!/bin/sh
# Build once, publish to S3, deploy: packs app/ into a .tgz, uploads it and its SHA256SUMS to a local S3Proxy
# (started here from the jar the Maven build put in ~/.m2, stopped by its pid at the end), then deploys it with the
# local backend, deploys version 2, redeploys version 1 from the host's cache, and rolls back.
# Needs the JDK, curl (7.75+, for --aws-sigv4) and the build: `mvn -q package -DskipTests`. Everything happens in
# a new directory (ARTIFACT_DIR, which must not exist yet, or a fresh mktemp one).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if [ -n "${ARTIFACT_DIR:-}" ]; then
  mkdir "$ARTIFACT_DIR" || { echo "artifact example: $ARTIFACT_DIR exists; give a new directory" >&2; exit 2; }
  work=$(cd "$ARTIFACT_DIR" && pwd)
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/capstan-artifact.XXXXXX")
fi
release=$(ls "$top"/capstan-cli/target/capstan-*.tar.gz 2>/dev/null | head -n 1)
jar="${S3PROXY_JAR:-$HOME/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar}"
[ -n "$release" ] || { echo "artifact example: no release archive; build it with: mvn -q package -DskipTests" >&2; exit 2; }
[ -f "$jar" ] || { echo "artifact example: $jar missing; the build downloads it: mvn -q package -DskipTests" >&2; exit 2; }

tar -xzf "$release" -C "$work"
PATH="$(echo "$work"/capstan-*/bin):$PATH"
export PATH

# the deployer's credentials: S3Proxy accepts these; the AWS SDK reads them on this machine only
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=example-secret-key
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 48080)
export SHOP_S3_ENDPOINT="http://127.0.0.1:$port" SHOP_DEPLOY_TO="$work/srv/shop"
mkdir -p "$work/s3"
cat > "$work/s3proxy.conf" <<CONF
s3proxy.endpoint=$SHOP_S3_ENDPOINT
s3proxy.authorization=aws-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3
CONF
echo "==> starting S3Proxy on $SHOP_S3_ENDPOINT"
java -Xmx128m -jar "$jar" --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
s3pid=$!
trap 'kill "$s3pid" 2>/dev/null || true' EXIT INT TERM
i=0
until curl -s -o /dev/null "$SHOP_S3_ENDPOINT"; do
  i=$((i + 1)); [ $i -lt 150 ] || { echo "S3Proxy did not start; see $work/s3proxy.log" >&2; exit 1; }; sleep 0.2
done

s3() { curl -sS -f --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"; }
s3 -X PUT "$SHOP_S3_ENDPOINT/builds" > /dev/null

# what CI does: build once, upload the package and its checksum
publish() {
  mkdir -p "$work/build/shop-$1"
  cp -R "$here/app/." "$work/build/shop-$1/"
  sed -i "s/Version: [0-9]*/Version: $1/" "$work/build/shop-$1/public/index.html"
  tar -czf "$work/build/shop-$1.tgz" -C "$work/build" "shop-$1"
  (cd "$work/build" && sha256sum shop-*.tgz > SHA256SUMS)
  s3 -T "$work/build/shop-$1.tgz" "$SHOP_S3_ENDPOINT/builds/shop/shop-$1.tgz"
  s3 -T "$work/build/SHA256SUMS" "$SHOP_S3_ENDPOINT/builds/shop/SHA256SUMS"
  echo "==> published shop-$1.tgz (sha256 $(sha256sum "$work/build/shop-$1.tgz" | cut -d' ' -f1))"
}

mkdir "$work/project"
cp -R "$here/Capfile" "$here/config" "$work/project/"
cd "$work/project"
show() { echo "current -> $(readlink "$SHOP_DEPLOY_TO/current")  ($(grep -o 'Version: [0-9]*' "$SHOP_DEPLOY_TO/current/public/index.html"))"; }

publish 1
echo "==> deploy version 1"; SHOP_VERSION=1 capstan local deploy; show
sleep 1   # release names are per-second UTC timestamps
publish 2
echo "==> deploy version 2"; SHOP_VERSION=2 capstan local deploy; show
sleep 1
echo "==> redeploy version 1: from the host's cache, nothing downloaded"; SHOP_VERSION=1 capstan local deploy; show
echo "==> rollback"; SHOP_VERSION=1 capstan local deploy:rollback; show
SHOP_VERSION=1 capstan local deploy:status
echo "==> revisions.log"
cat "$SHOP_DEPLOY_TO/revisions.log"
echo "==> done; everything is in $work (remove it when you like)"
