package dev.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fault harness's one fleet and application: a project deploying to every host, a twin of it whose deploy
 * pauses in a pre-publish hook until a local file appears, and what the harness reads and resets between cases.
 */
final class FaultBench {
    static final String DEPLOY_TO = "/srv/faults";
    static final List<String> LINKED = List.of("config/database.yml", "log");
    private static final DateTimeFormatter RELEASE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    final Fleet fleet;
    final Path project;
    final Path pausing;
    final Path paused;
    final Path go;
    final ReleaseContent content;
    private int revisions;

    FaultBench(Fleet fleet) throws IOException {
        this.fleet = fleet;
        String config = "set 'keep_releases', 3\nset 'linked_files', ['config/database.yml']\nset 'linked_dirs', ['log']";
        this.project = Projects.capstan(fleet, "faults", DEPLOY_TO, fleet.hosts, config);
        this.paused = fleet.root.resolve("pause.reached");
        this.go = fleet.root.resolve("pause.go");
        // waits on this machine (no command held open on a host) until the harness lets it go, at most 60 s
        this.pausing = Projects.capstan(fleet, "faults-paused", DEPLOY_TO, fleet.hosts, String.join("\n", config,
                "task('fault_pause') {",
                "    new File('" + paused + "').text = 'paused'",
                "    long until = System.currentTimeMillis() + 60000",
                "    while (!new File('" + go + "').exists() && System.currentTimeMillis() < until) Thread.sleep(20)",
                "}",
                "before 'deploy:publishing', 'fault_pause'"));
        this.content = new ReleaseContent(fleet.work());
        fleet.commit("app/main.txt", "the application\n", "an application file");
    }

    /** Every host's view of the application, in fleet order. */
    List<ReleaseOnDisk> read() throws IOException {
        List<ReleaseOnDisk> out = new ArrayList<>();
        for (FleetHost h : fleet.hosts) out.add(ReleaseOnDisk.read(h, DEPLOY_TO, content, LINKED));
        return out;
    }

    /** A new revision to deploy (index.html changes), so a live release and the one being deployed differ. */
    void newRevision(String label) {
        fleet.commit("index.html", "revision " + (++revisions) + " for " + label + "\n", label);
    }

    Shell.Result capstan(String... args) {
        return Projects.capstan(fleet, project, args);
    }

    /**
     * Waits until the clock is past the newest release name on any host, so the next deploy's release is new
     * (release names have one-second resolution; a collision is issue 13 #4, not the fault under test here).
     */
    void awaitNewReleaseName() throws IOException, InterruptedException {
        String newest = "";
        for (FleetHost h : fleet.hosts) {
            Path releases = ReleaseOnDisk.seen(h, DEPLOY_TO + "/releases");
            if (!Files.isDirectory(releases)) continue;
            try (Stream<Path> s = Files.list(releases)) {
                for (String n : s.map(p -> p.getFileName().toString()).toList()) if (n.compareTo(newest) > 0) newest = n;
            }
        }
        for (int i = 0; i < 60 && ZonedDateTime.now(ZoneOffset.UTC).format(RELEASE).compareTo(newest) <= 0; i++) Thread.sleep(50);
    }

    /**
     * Back to a known state after a case whose rerun failed: every host up, the application's directory removed,
     * the shared file in place, two releases deployed (a rollback needs one to go back to).
     */
    void reset() throws Exception {
        for (FleetHost h : fleet.hosts) {
            if (h.sshd == null || !h.sshd.isAlive()) fleet.restart(h);
            Shell.ok("rm", "-rf", h.srv().resolve(DEPLOY_TO.substring(5)).toString());
            Path shared = h.srv().resolve(DEPLOY_TO.substring(5) + "/shared/config/database.yml");
            Files.createDirectories(shared.getParent());
            Files.writeString(shared, "production:\n  adapter: sqlite3\n");
            Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, h.srv().resolve(DEPLOY_TO.substring(5)).toString());
        }
        for (int i = 0; i < 2; i++) {
            awaitNewReleaseName();
            Projects.succeeded(capstan("e2e", "deploy"));
        }
    }

    /** Where a case's outputs are kept (capstan-e2e/target/fault-harness/), for a developer to read after a failure. */
    static Path artifacts() throws IOException {
        Path dir = Projects.REPO_ROOT.resolve("capstan-e2e/target/fault-harness");
        Files.createDirectories(dir);
        return dir;
    }
}
