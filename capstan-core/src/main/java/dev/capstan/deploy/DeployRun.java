package dev.capstan.deploy;

import dev.capstan.task.HeldLock;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRunner;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one run of the deploy recipes knows about itself: which flow runs, its token and whether it holds the lock,
 * the releases it works on, what earlier commands already did, what it published. Owned by the run
 * ({@link TaskRunner#state}), never in the user's configuration, so {@code --print-config-variables} and
 * {@code doctor} show only the user's variables.
 */
public final class DeployRun implements HeldLock {
    /** The flow this run is in. */
    enum Flow { NONE, DEPLOY, ROLLBACK }

    private volatile Flow flow = Flow.NONE;
    private final String token;
    private volatile boolean lockTaken;
    private volatile boolean locked;
    private volatile Map<String, String> releasePaths = Map.of();
    private volatile Map<String, String> rolledBackFrom = Map.of();
    private volatile Map<String, String> published = Map.of();
    private volatile PublishWaves waves;
    private volatile boolean publishedInWaves;
    private final Map<String, String> done = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> perHost = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();
    private volatile String deployedSource;

    private DeployRun() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        token = HexFormat.of().formatHex(b);
    }

    public static DeployRun of(TaskContext ctx) {
        return of(ctx.runner());
    }

    public static DeployRun of(TaskRunner runner) {
        return runner.state(DeployRun.class, DeployRun::new);
    }

    /** Where release names come from (tests give one that moves on by itself, so they never wait for a new second). */
    Clock clock() { return clock; }

    void clock(Clock c) { clock = c; }

    /** The run's token: written into the lock it holds and the releases it creates. */
    public String token() { return token; }

    Flow flow() { return flow; }

    void flow(Flow f) { flow = f; }

    /** True in a deploy (not a rollback). */
    public boolean deploying() { return flow == Flow.DEPLOY; }

    /** True in a rollback, and after a failed restart turned the deploy into one (services). */
    public boolean rollingBack() { return flow == Flow.ROLLBACK; }

    @Override public boolean taken() { return lockTaken; }

    @Override public boolean held() { return locked; }

    /** From here on a failure releases whatever this run acquired. */
    void lockTaken() {
        lockTaken = true;
        locked = true;
    }

    void lockReleased() { locked = false; }

    /** Host label to the release it switches to, when this run chose one per host (a rollback). */
    Map<String, String> releasePaths() { return releasePaths; }

    void releasePaths(Map<String, String> m) { releasePaths = Map.copyOf(m); }

    Map<String, String> rolledBackFrom() { return rolledBackFrom; }

    void rolledBackFrom(Map<String, String> m) { rolledBackFrom = Map.copyOf(m); }

    /** Host label to the release it serves, once every host switched. */
    Map<String, String> published() { return published; }

    void published(Map<String, String> m) { published = Map.copyOf(m); }

    /** This deploy switches current wave by wave, each wave's work done before the next (see {@link PublishWaves}). */
    public void publishInWaves(PublishWaves w) { waves = w; }

    PublishWaves waves() { return waves; }

    /** Whether every host switched in waves, each wave's work done (a later restart need not run again). */
    public boolean publishedInWaves() { return publishedInWaves; }

    void publishedInWaves(boolean b) { publishedInWaves = b; }

    /** Tasks an earlier command did the work of, and which one. */
    Map<String, String> done() { return done; }

    /** A per-host value a step left for a later one ({@code previous_revision}, {@code newest_release}). */
    Map<String, String> perHost(String name) {
        return perHost.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
    }

    /** What revisions.log says this run deploys when it is not a branch, e.g. {@code Artifact shop-1.4.2.tgz (sha256 9f2c…)}; null: the branch. */
    public String deployedSource() { return deployedSource; }

    public void deployedSource(String source) { deployedSource = source; }
}
