package dev.capstan.deploy.scm.artifact;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.DeployPaths;
import dev.capstan.deploy.DeployRun;
import dev.capstan.remote.Host;
import dev.capstan.task.Task;
import dev.capstan.task.TaskContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * artifact:create_release: per host one command creates the release, takes the artifact from the host's cache or
 * downloads it, and unpacks it; REVISION and the shared links follow in the deploy's own updating chain. Hosts
 * that must be sent the bytes get them over SFTP from one copy on this machine, then one more command.
 */
public final class ArtifactRelease {
    static final String TASK = "artifact:create_release";

    private ArtifactRelease() {}

    static void create(TaskContext ctx) {
        create(ctx, ArtifactRun.of(ctx));
    }

    /** Creates the release on every host from {@code run}'s artifact (the copy strategy passes its own tarball). */
    public static void create(TaskContext ctx, ArtifactRun run) {
        Configuration c = ctx.config();
        DeployPaths p = new DeployPaths(ctx);
        String token = DeployRun.of(ctx).token();
        c.set("current_revision", run.revision());
        c.set("capstan_deployed_source", "Artifact " + run.artifact().fileName() + " (" + run.artifact().checksum().algorithm() + " "
                + run.artifact().checksum().hex() + ")");
        String url = run.pushes() ? null : run.artifact().url().toString();
        Map<String, String> outcome = new ConcurrentHashMap<>();
        ctx.on(ctx.releaseRoles("all"), onHosts(c, run), r -> {
            String release = p.releasePath(r.host());
            String out = r.capture(Map.of("verbosity", "INFO"), ReleaseScripts.prepare(release, token, placement(ctx, run, r.host()), url, run.authorization()));
            String last = out.lines().reduce((a, b) -> b).orElse("").strip();
            if (last.startsWith(ReleaseScripts.UPLOAD_NEEDED) && url != null) {
                r.warn("neither curl nor wget on " + r.host().label() + ": Capstan uploads " + run.artifact().fileName() + " itself (push)");
            }
            outcome.put(r.host().label(), last);
        });
        List<Host> toUpload = ctx.releaseRoles("all").stream()
                .filter(h -> String.valueOf(outcome.get(h.label())).startsWith(ReleaseScripts.UPLOAD_NEEDED)).toList();
        if (!toUpload.isEmpty()) {
            try (LocalCopy local = LocalCopy.of(run, ctx.runner().coordinator().events())) {
                ctx.on(toUpload, r -> {
                    ReleaseScripts.Placement place = placement(ctx, run, r.host());
                    r.upload(local.file(), ReleaseScripts.uploadPath(place, token));
                    outcome.put(r.host().label(), r.capture(ReleaseScripts.afterUpload(p.releasePath(r.host()), token, place)).strip());
                });
            }
        }
        ctx.info(run.artifact().fileName() + ": " + summary(outcome));
    }

    private static ReleaseScripts.Placement placement(TaskContext ctx, ArtifactRun run, Host host) {
        DeployPaths p = new DeployPaths(ctx);
        String release = p.releasePath(host);
        ArtifactSettings s = run.settings();
        return new ReleaseScripts.Placement(p.sharedPath() + "/artifacts", run.artifact().fileName(), run.artifact().checksum(),
                s.stripComponents(), s.placeAs(), Math.max(1, ctx.config().fetchInt("keep_releases", 5)), null);
    }

    /** Downloads reach the artifact's server in groups of {@code artifact_max_concurrent_downloads}; a push prepares all at once. */
    private static Map<String, ?> onHosts(Configuration c, ArtifactRun run) {
        if (run.pushes()) return Map.of();
        return Map.of("in", "groups", "limit", c.fetchInt("artifact_max_concurrent_downloads", 10), "wait", 0);
    }

    /** e.g. "2 downloaded, 1 cached, 1 uploaded". */
    private static String summary(Map<String, String> outcome) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        outcome.values().forEach(v -> counts.merge(v.lines().reduce((a, b) -> b).orElse("").strip(), 1, Integer::sum));
        return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }
}
