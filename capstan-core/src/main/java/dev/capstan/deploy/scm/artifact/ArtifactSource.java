package dev.capstan.deploy.scm.artifact;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a prebuilt artifact comes from: {@code artifact_url} parsed once on the deploying machine, before any host
 * is touched, so a typo is reported with the value at fault instead of as a failed download on every host.
 */
public sealed interface ArtifactSource {
    /** The file name the artifact has on the hosts (also what decides how it is unpacked). */
    String fileName();

    /** A file on the deploying machine: {@code file:///…} or a plain path. */
    record LocalFile(Path path) implements ArtifactSource {
        public String fileName() { return path.getFileName().toString(); }
    }

    /** {@code http://} or {@code https://}. */
    record Http(URI uri) implements ArtifactSource {
        public String fileName() { return lastSegment(uri.getPath()); }
    }

    /** {@code s3://bucket/key}: presigned on the deploying machine, so hosts never hold AWS credentials. */
    record S3(String bucket, String key) implements ArtifactSource {
        public String fileName() { return lastSegment(key); }
    }

    /** {@code maven:GROUP:ARTIFACT:VERSION[:CLASSIFIER][@EXT]}, resolved against {@code artifact_repositories}. */
    record Maven(MavenCoordinates coordinates) implements ArtifactSource {
        public String fileName() { return coordinates.fileName(coordinates.version()); }
    }

    static ArtifactSource parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("artifact_url is not set");
        String s = spec.strip();
        if (s.startsWith("maven:")) return new Maven(MavenCoordinates.parse(s.substring("maven:".length())));
        if (s.startsWith("/") || s.startsWith("./") || s.startsWith("../") || !s.contains(":")) return new LocalFile(Path.of(s));
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("artifact_url '" + redacted(s) + "' is not a URL: " + e.getReason());
        }
        String scheme = String.valueOf(uri.getScheme()).toLowerCase();
        if (scheme.equals("file")) return new LocalFile(Path.of(uri));
        if (scheme.equals("http") || scheme.equals("https")) {
            if (uri.getHost() == null || lastSegment(uri.getPath()).isEmpty()) {
                throw new IllegalArgumentException("artifact_url '" + redacted(s) + "' names no file (expected http(s)://HOST/…/NAME.tgz)");
            }
            return new Http(uri);
        }
        if (scheme.equals("s3")) {
            String key = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (uri.getHost() == null || key.isEmpty()) {
                throw new IllegalArgumentException("artifact_url '" + s + "' is not s3://BUCKET/KEY");
            }
            return new S3(uri.getHost(), key);
        }
        throw new IllegalArgumentException("artifact_url '" + redacted(s) + "': unknown scheme '" + uri.getScheme()
                + "' (use a path, file://, http(s)://, s3://BUCKET/KEY or maven:GROUP:ARTIFACT:VERSION)");
    }

    private static String lastSegment(String path) {
        if (path == null) return "";
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The spec with a {@code user:password@} part hidden, for messages. */
    private static String redacted(String spec) {
        return spec.replaceFirst("://[^/@]*@", "://[REDACTED]@");
    }
}
