package dev.capstan.deploy.scm.artifact;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.Chain;
import dev.capstan.deploy.Chain.Link;
import dev.capstan.deploy.DeployChains;
import dev.capstan.deploy.DeployPaths;
import dev.capstan.deploy.DeployRun;
import dev.capstan.deploy.Step;
import dev.capstan.deploy.script.Script;
import dev.capstan.remote.Host;
import dev.capstan.remote.HostBlock;
import dev.capstan.task.TaskContext;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A strategy's create_release ({@code artifact:create_release}, {@code copy:create_release}) as the first step of the
 * deploy's updating chain: when nobody hooked in between, one command per host creates the release, takes the
 * artifact from the host's cache or downloads it, checks its digest, unpacks it, and writes REVISION and the shared
 * links. A host that must be sent the bytes ends that command before REVISION; it gets them over SFTP from one copy
 * on this machine, then one more command checks them and does the rest of what the first would have done.
 */
public final class ArtifactRelease {
    static final String TASK = "artifact:create_release";

    private final TaskContext ctx;
    private final String task;
    private final ArtifactRun run;
    private final String url;
    private final Map<String, String> outcome = new ConcurrentHashMap<>();
    private final Chain chain;

    private ArtifactRelease(TaskContext ctx, String task, ArtifactRun run) {
        this.ctx = ctx;
        this.task = task;
        this.run = run;
        this.url = run.pushes() ? null : run.artifact().url().toString();
        Step step = new Step(task, (host, same) -> Script.line(ReleaseScripts.prepare(new DeployPaths(ctx).releasePath(host), token(),
                placement(host), url, ArtifactScripts.secret(url, run.authorization()))), new Outcomes(), this::onHosts,
                "release " + ctx.config().fetchString("release_timestamp") + " from " + run.artifact().fileName())
                .with(ArtifactScripts.secretsOnStdin(url, run.authorization()));
        chain = DeployChains.updating(ctx, List.of(Link.step(step)));
    }

    /** Runs {@code task}, making this run's release on every host from {@code run}'s artifact. */
    public static void create(TaskContext ctx, String task, ArtifactRun run) {
        ctx.config().set("current_revision", run.revision());
        DeployRun.of(ctx).deployedSource("Artifact " + run.artifact().fileName() + " (" + run.artifact().checksum().algorithm() + " "
                + run.artifact().checksum().hex() + ")");
        new ArtifactRelease(ctx, task, run).chain.run(ctx, task);
    }

    private String token() { return DeployRun.of(ctx).token(); }

    private ReleaseScripts.Placement placement(Host host) {
        DeployPaths p = new DeployPaths(ctx);
        ArtifactSettings s = run.settings();
        return new ReleaseScripts.Placement(p.sharedPath() + "/artifacts", run.artifact().fileName(), run.artifact().checksum(),
                s.stripComponents(), s.placeAs(), Math.max(1, ctx.config().fetchInt("keep_releases", 5)));
    }

    /** Downloads reach the artifact's server in groups of {@code artifact_max_concurrent_downloads}; a push prepares all at once. */
    private void onHosts(TaskContext c, HostBlock body) {
        Configuration config = c.config();
        Map<String, ?> how = url == null ? Map.of()
                : Map.of("in", "groups", "limit", config.fetchInt("artifact_max_concurrent_downloads", 10), "wait", 0);
        c.on(c.releaseRoles("all"), how, body);
    }

    /** What each host's command did with the artifact; once all answered, the uploads the hosts still need. */
    private final class Outcomes implements Step.ReadBack {
        @Override
        public void read(Host host, String stdout) {
            outcome.put(host.label(), outcomeOf(stdout));
        }

        @Override
        public void finish() {
            List<Host> toUpload = ctx.releaseRoles("all").stream()
                    .filter(h -> outcome.getOrDefault(h.label(), "").startsWith(ReleaseScripts.UPLOAD_NEEDED)).toList();
            if (!toUpload.isEmpty()) upload(toUpload);
            ctx.info(run.artifact().fileName() + ": " + summary());
        }
    }

    /**
     * Sends the bytes to {@code hosts}, then per host one command checks them, fills the release and does what the
     * rest of the first command would have (REVISION, shared links: the steps that shared it).
     */
    private void upload(List<Host> hosts) {
        if (url != null) hosts.forEach(h -> ctx.warn("neither curl nor wget on " + h.label() + ": Capstan uploads " + run.artifact().fileName() + " itself (push)"));
        List<Step> same = chain.sameCommand(ctx, task).stream().map(Link::step).filter(Objects::nonNull).toList();
        List<String> names = same.stream().map(Step::task).toList();
        DeployPaths p = new DeployPaths(ctx);
        try (LocalCopy local = LocalCopy.of(run, ctx.runner().coordinator().events())) {
            ctx.on(hosts, r -> {
                ReleaseScripts.Placement place = placement(r.host());
                r.upload(local.file(), ReleaseScripts.uploadPath(place, token()));
                Script script = Script.line(ReleaseScripts.afterUpload(p.releasePath(r.host()), token(), place));
                for (Step s : same.subList(1, same.size())) {
                    Script f = s.fragment().on(r.host(), names);
                    if (f != null) script = script.and(f);
                }
                String title = "updating  " + run.artifact().fileName() + " uploaded  (" + String.join(", ", names) + ")";
                outcome.put(r.host().label(), outcomeOf(r.capture(Map.of("title", title, "layout", script.layout()), script.render())));
            });
        }
    }

    /** The last thing the host's script said of the artifact: cached, downloaded, uploaded or upload needed. */
    private static String outcomeOf(String stdout) {
        return stdout.lines().map(String::strip).filter(l -> l.equals("cached") || l.equals("downloaded") || l.equals("uploaded")
                || l.startsWith(ReleaseScripts.UPLOAD_NEEDED)).reduce((a, b) -> b).orElse("");
    }

    /** e.g. "2 downloaded, 1 cached, 1 uploaded". */
    private String summary() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        outcome.values().forEach(v -> counts.merge(v, 1, Integer::sum));
        return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }
}
