package dev.capstan.deploy.scm.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Turns {@code artifact_*} settings into what hosts fetch, on the deploying machine and before any host is touched:
 * a URL they can read (presigned for S3, found in a repository for Maven), the digest they check, and the version.
 */
public final class ArtifactResolver {
    private final HttpFetch http = new HttpFetch();

    public ResolvedArtifact resolve(ArtifactSettings s, Consumer<String> warn) {
        ArtifactSource src = s.source();
        if (src instanceof ArtifactSource.LocalFile f) {
            if (!Files.isRegularFile(f.path())) throw new ArtifactException("artifact_url: " + f.path() + " does not exist on this machine");
            Checksum digest = s.sha256() == null ? sha256(f.path()) : expected(s, f.fileName(), null);
            return new ResolvedArtifact(f.path().toUri(), f.fileName(), digest, version(s, f.fileName(), null), null);
        }
        if (src instanceof ArtifactSource.Http h) {
            RepositoryCredentials creds = s.httpCredentials() != null ? s.httpCredentials() : Netrc.credentials(s.home().resolve(".netrc"), h.uri().getHost());
            return new ResolvedArtifact(h.uri(), h.fileName(), expected(s, h.fileName(), creds), version(s, h.fileName(), null), creds);
        }
        if (src instanceof ArtifactSource.S3 s3) {
            URI url = S3Presigning.presign(s3, s.s3(), warn);
            return new ResolvedArtifact(url, s3.fileName(), expected(s, s3.fileName(), null), version(s, s3.fileName(), null), null);
        }
        ArtifactSource.Maven m = (ArtifactSource.Maven) src;
        ResolvedArtifact found = new MavenResolver().resolve(m.coordinates(), s.repositories());
        Checksum digest = s.sha256() != null ? expected(s, found.fileName(), found.credentials()) : found.checksum();
        if (digest == null) throw new ArtifactException("maven:" + m.coordinates() + ": the repository has no .sha256 or .sha1 for "
                + found.fileName() + "; set artifact_sha256");
        return new ResolvedArtifact(found.url(), found.fileName(), digest, version(s, found.fileName(), found.version()), found.credentials());
    }

    /** {@code artifact_sha256}: a digest, or the URL of a SHA256SUMS-style file that lists {@code fileName}. */
    private Checksum expected(ArtifactSettings s, String fileName, RepositoryCredentials creds) {
        String v = s.sha256();
        if (v == null) throw new ArtifactException("artifact_sha256 is not set: every host checks the artifact's SHA-256 before using it"
                + " (give the digest, or the URL of a SHA256SUMS file)");
        if (!v.contains("://")) return Checksum.sha256(v);
        URI sums = URI.create(v);
        if ("s3".equals(sums.getScheme())) {
            ArtifactSource.S3 s3 = (ArtifactSource.S3) ArtifactSource.parse(v);
            sums = S3Presigning.presign(s3, s.s3(), m -> {});
        }
        String text = http.text(sums, creds);
        if (text == null) throw new ArtifactException("artifact_sha256: " + redact(v) + " was not found");
        Checksum c = Checksum.fromFile("sha256", text, fileName);
        if (c == null) throw new ArtifactException("artifact_sha256: " + redact(v) + " lists no digest for " + fileName);
        return c;
    }

    private static String version(ArtifactSettings s, String fileName, String resolved) {
        if (s.version() != null) return s.version();
        if (resolved != null) return resolved;
        return fileName.replaceFirst("(\\.tar)?\\.[A-Za-z0-9]+$", "");
    }

    static Checksum sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return Checksum.sha256(HexFormat.of().formatHex(md.digest()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ArtifactException(file + " cannot be read: " + e.getMessage());
        }
    }

    private static String redact(String url) {
        int q = url.indexOf('?');
        return (q < 0 ? url : url.substring(0, q)).replaceFirst("://[^/@]*@", "://[REDACTED]@");
    }
}
