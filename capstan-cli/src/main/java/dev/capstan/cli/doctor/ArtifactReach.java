package dev.capstan.cli.doctor;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.scm.artifact.ArtifactResolver;
import dev.capstan.deploy.scm.artifact.ArtifactSettings;
import dev.capstan.deploy.scm.artifact.ResolvedArtifact;
import dev.capstan.remote.Shell;

import java.nio.file.Path;

/**
 * The "repo" check of {@code use 'scm/artifact'}: the artifact is resolved here as a deploy would (presigned for S3,
 * found in its Maven repository), then each host asks for its first byte with curl, as its download would.
 * A presigned URL is signed for GET only, so the check is a one-byte ranged GET, not a HEAD.
 *
 * @param url     what the hosts fetch, or null when they fetch nothing (pushed, or resolving failed)
 * @param command the host command that prints the HTTP status, or null
 * @param problem why there is nothing to check (a resolution error, or "pushed from this machine"), when url is null
 * @param failed  whether {@code problem} is a failure (a resolution error) rather than a skip
 */
record ArtifactReach(String url, String command, String problem, boolean failed) {

    static ArtifactReach of(Configuration config) {
        ResolvedArtifact a;
        ArtifactSettings s;
        try {
            s = ArtifactSettings.from(config, Path.of(System.getProperty("user.home")));
            a = new ArtifactResolver().resolve(s, warning -> {});
        } catch (RuntimeException e) {
            return new ArtifactReach(null, null, "the artifact cannot be resolved on this machine: " + e.getMessage(), true);
        }
        if (s.transfer().equals("push") || "file".equals(a.url().getScheme())) {
            return new ArtifactReach(null, null, a.fileName() + " is pushed from this machine; hosts fetch nothing", false);
        }
        String auth = a.credentials() == null ? "" : " -H " + Shell.escape("Authorization: " + a.credentials().basicAuthorization());
        String command = "curl -sS -o /dev/null -r 0-0 --connect-timeout 10 -m 30" + auth + " -w '%{http_code}' " + Shell.escape(a.url().toString());
        return new ArtifactReach(a.url().toString(), command, null, false);
    }

    /** The URL without its query (a signature) or user info, for messages. */
    String shown() {
        String u = url.replaceFirst("://[^/@]*@", "://");
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q) + "?…";
    }
}
