package dev.capstan.deploy.scm.artifact;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Presigns a GET for an {@code s3://} artifact on the deploying machine with the user's normal credential chain
 * (environment, ~/.aws, SSO, instance profile…), so the hosts fetch it with curl and never hold AWS credentials
 * (capistrano-net_storage sends the deployer's keys to every server; this does not). No request is sent to S3 here.
 */
public final class S3Presigning {
    /** {@code artifact_s3_*}: region and profile (null: the SDK's own chain), an S3-compatible endpoint, path-style. */
    public record Settings(String region, String profile, URI endpoint, boolean pathStyle, Duration validity) {}

    private S3Presigning() {}

    /** The presigned URL; warns when temporary credentials end before the URL would, since the URL dies with them. */
    public static URI presign(ArtifactSource.S3 source, Settings s, Consumer<String> warn) {
        if (s.validity().compareTo(Duration.ofDays(7)) > 0) {
            throw new ArtifactException("artifact_url_expires: S3 refuses presigned URLs valid for more than 7 days (" + s.validity() + ")");
        }
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        if (s.profile() != null) chain.profileName(s.profile());
        try (DefaultCredentialsProvider credentials = chain.build(); S3Presigner presigner = presigner(s, credentials)) {
            warnIfCredentialsEndFirst(credentials, s.validity(), warn);
            GetObjectRequest get = GetObjectRequest.builder().bucket(source.bucket()).key(source.key()).build();
            return URI.create(presigner.presignGetObject(GetObjectPresignRequest.builder()
                    .signatureDuration(s.validity()).getObjectRequest(get).build()).url().toString());
        } catch (SdkClientException e) {
            throw new ArtifactException("s3://" + source.bucket() + "/" + source.key() + " cannot be presigned: " + e.getMessage()
                    + " (credentials: AWS_ACCESS_KEY_ID/AWS_PROFILE or ~/.aws; region: artifact_s3_region or AWS_REGION)");
        }
    }

    private static S3Presigner presigner(Settings s, AwsCredentialsProvider credentials) {
        S3Presigner.Builder b = S3Presigner.builder().credentialsProvider(credentials);
        if (s.region() != null) b.region(Region.of(s.region()));
        if (s.endpoint() != null) b.endpointOverride(s.endpoint());
        // an S3-compatible store (MinIO, S3Proxy, Ceph) usually wants bucket-in-path URLs
        if (s.pathStyle()) b.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).checksumValidationEnabled(false).build());
        return b.build();
    }

    private static void warnIfCredentialsEndFirst(AwsCredentialsProvider provider, Duration validity, Consumer<String> warn) {
        AwsCredentials c = provider.resolveCredentials();
        c.expirationTime().ifPresent(end -> {
            if (end.isBefore(Instant.now().plus(validity))) {
                warn.accept("the AWS credentials are temporary and end at " + end + ", before the presigned artifact URL would ("
                        + validity + "): hosts that download after that get 403");
            }
        });
    }
}
