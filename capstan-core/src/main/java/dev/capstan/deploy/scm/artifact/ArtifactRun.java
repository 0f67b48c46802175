package dev.capstan.deploy.scm.artifact;

import dev.capstan.config.Configuration;
import dev.capstan.task.TaskContext;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this run deploys, resolved once on the deploying machine (artifact:check, or the first task that needs it):
 * the settings, the URL hosts read, its digest and version. Every value that would open the artifact to someone
 * else (a presigned URL's signature, a password, an Authorization header) is a secret of the run from then on.
 */
public record ArtifactRun(ArtifactSettings settings, ResolvedArtifact artifact, String revision) {
    private static final String SECRETS = "capstan_artifact_secrets";

    /** This run's resolution: state of the run ({@link dev.capstan.task.TaskRunner#state}), not a variable of the user's. */
    private static final class Resolved {
        private ArtifactRun run;
    }

    /** The resolved artifact of this run, resolving it now if nobody has. */
    public static ArtifactRun of(TaskContext ctx) {
        Resolved r = ctx.runner().state(Resolved.class, Resolved::new);
        synchronized (r) {
            if (r.run == null) r.run = resolve(ctx);
            return r.run;
        }
    }

    /** The run of a file this machine made (the copy strategy's tarball): pushed, checked on every host. */
    public static ArtifactRun ofLocalFile(Path file, String version) {
        Checksum digest = ArtifactResolver.sha256(file);
        ArtifactSettings s = new ArtifactSettings(new ArtifactSource.LocalFile(file), digest.hex(), "push", version, 0, null, null,
                List.of(), null, Path.of(System.getProperty("user.home")));
        String name = file.getFileName().toString();
        return new ArtifactRun(s, new ResolvedArtifact(file.toUri(), name, digest, version, null), version != null ? version : digest.hex());
    }

    private static ArtifactRun resolve(TaskContext ctx) {
        Configuration c = ctx.config();
        ArtifactSettings s;
        try {
            s = ArtifactSettings.from(c, Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(e.getMessage());
        }
        if (s.httpCredentials() != null) learn(c, List.of(s.httpCredentials().password()));
        ResolvedArtifact a = new ArtifactResolver().resolve(s, ctx::warn);
        learn(c, secretsOf(a));
        if (a.checksum() == null) throw new ArtifactException("artifact_sha256 is not set and " + a.fileName() + " has no known digest");
        String revision = s.version() != null ? s.version()
                : s.source() instanceof ArtifactSource.Maven ? a.version() : a.checksum().hex();
        return new ArtifactRun(s, a, revision);
    }

    /** True when Capstan sends the bytes itself: push, or a file only this machine has. */
    public boolean pushes() {
        return settings.transfer().equals("push") || settings.source() instanceof ArtifactSource.LocalFile;
    }

    /** The Authorization header hosts send, or null. */
    public String authorization() {
        return artifact.credentials() == null ? null : artifact.credentials().basicAuthorization();
    }

    /** The URL as messages may show it: no user info, no query (a presigned URL's signature is in the query). */
    public static String shown(URI url) {
        String s = url.toString();
        int q = s.indexOf('?');
        return (q < 0 ? s : s.substring(0, q)).replaceFirst("://[^/@]*@", "://[REDACTED]@");
    }

    /** The query of a presigned URL (and its signature and credential on their own), the password and the header. */
    static List<String> secretsOf(ResolvedArtifact a) {
        List<String> out = new ArrayList<>();
        String query = a.url().getRawQuery();
        if (query != null) {
            out.add(query);
            for (String param : query.split("&")) {
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                if (eq > 0 && (name.equalsIgnoreCase("X-Amz-Signature") || name.equalsIgnoreCase("X-Amz-Credential")
                        || name.equalsIgnoreCase("X-Amz-Security-Token") || name.equalsIgnoreCase("Signature"))) {
                    out.add(param.substring(eq + 1));
                }
            }
        }
        if (a.url().getRawUserInfo() != null) out.add(a.url().getRawUserInfo());
        if (a.credentials() != null) {
            out.add(a.credentials().password());
            out.add(a.credentials().basicAuthorization().substring("Basic ".length()));
        }
        return out;
    }

    /** Adds values to the run's secret variable, so every output masks them. */
    @SuppressWarnings("unchecked")
    private static void learn(Configuration c, List<String> values) {
        synchronized (c) {
            List<String> all = new ArrayList<>(c.fetch(SECRETS) instanceof List<?> l ? (List<String>) l : List.of());
            values.stream().filter(v -> v != null && !v.isEmpty()).forEach(all::add);
            c.set(SECRETS, List.copyOf(all));
            c.secret(SECRETS);
        }
    }

    @Override
    public String toString() {
        return artifact.fileName() + " (" + artifact.checksum().algorithm() + " " + artifact.checksum().hex() + ") from " + shown(artifact.url());
    }
}
