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
 * One application of the fault harness on the shared fleet (deploy_to {@code /srv/NAME}, branch NAME), so lanes
 * run cases side by side: a project deploying to every host, a twin whose deploy pauses in a pre-publish hook until
 * a local file appears, and what the harness reads and resets between cases.
 */
final class FaultLane {
    static final List<String> LINKED = List.of("config/database.yml", "log");
    private static final DateTimeFormatter RELEASE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    final Fleet fleet;
    final String name;
    final String deployTo;
    final Path project;
    final Path pausing;
    final Path paused;
    final Path go;
    final ReleaseContent content;
    private String revision;
    private int revisions;

    FaultLane(Fleet fleet, ReleaseContent content, String name) throws IOException {
        this.fleet = fleet;
        this.name = name;
        this.deployTo = "/srv/" + name;
        this.content = content;
        String config = "set 'branch', '" + name + "'\nset 'keep_releases', 3\nset 'linked_files', ['config/database.yml']\nset 'linked_dirs', ['log']";
        this.project = Projects.capstan(fleet, name, deployTo, fleet.hosts, config);
        this.paused = fleet.root.resolve(name + ".paused");
        this.go = fleet.root.resolve(name + ".go");
        // waits on this machine (no command held open on a host) until the harness lets it go, at most 60 s
        this.pausing = Projects.capstan(fleet, name + "-paused", deployTo, fleet.hosts, String.join("\n", config,
                "task('fault_pause') {",
                "    new File('" + paused + "').text = 'paused'",
                "    long until = System.currentTimeMillis() + 60000",
                "    while (!new File('" + go + "').exists() && System.currentTimeMillis() < until) Thread.sleep(20)",
                "}",
                "before 'deploy:publishing', 'fault_pause'"));
        newRevision("lane " + name);
    }

    /** Every host's view of the application, in fleet order. */
    List<ReleaseOnDisk> read() throws IOException {
        List<ReleaseOnDisk> out = new ArrayList<>();
        for (FleetHost h : fleet.hosts) out.add(ReleaseOnDisk.read(h, deployTo, content, LINKED));
        return out;
    }

    /** A new revision on this lane's branch (its own file changes), so the live release and the one deployed differ. */
    void newRevision(String label) {
        revision = fleet.commitTo(name, name + ".html", "revision " + (++revisions) + " for " + label + "\n", label);
    }

    /** The commit this lane's branch points to: what a deploy must put on every host. */
    String revision() { return revision; }

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
            Path releases = ReleaseOnDisk.seen(h, deployTo + "/releases");
            if (!Files.isDirectory(releases)) continue;
            try (Stream<Path> s = Files.list(releases)) {
                for (String n : s.map(p -> p.getFileName().toString()).toList()) if (n.compareTo(newest) > 0) newest = n;
            }
        }
        for (int i = 0; i < 60 && ZonedDateTime.now(ZoneOffset.UTC).format(RELEASE).compareTo(newest) <= 0; i++) Thread.sleep(50);
    }

    /**
     * Removes each release that only some hosts have (never a current one), so every case starts from the same
     * history on every host, as a clean run leaves it; a fault may leave one host a release the others cleaned up,
     * which a later rollback would then trip over. Returns what was removed ("" if nothing).
     */
    String alignReleases() throws IOException {
        List<ReleaseOnDisk> hosts = read();
        List<String> everywhere = new ArrayList<>(hosts.get(0).releases());
        for (ReleaseOnDisk h : hosts) everywhere.retainAll(h.releases());
        StringBuilder removed = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++) {
            for (String r : hosts.get(i).releases()) {
                if (everywhere.contains(r) || r.equals(hosts.get(i).current())) continue;
                Shell.ok("rm", "-rf", ReleaseOnDisk.seen(fleet.hosts.get(i), deployTo + "/releases/" + r).toString());
                removed.append(removed.length() == 0 ? "" : ", ").append(hosts.get(i).host()).append(' ').append(r);
            }
        }
        return removed.toString();
    }

    /**
     * Back to a known state after a case whose rerun failed: every host up, the application's directory removed,
     * the shared file in place, two releases deployed (a rollback needs one to go back to).
     */
    void reset() throws Exception {
        for (FleetHost h : fleet.hosts) {
            if (h.sshd == null || !h.sshd.isAlive()) fleet.restart(h);
            Path dir = h.srv().resolve(name);
            Shell.ok("rm", "-rf", dir.toString());
            Path shared = dir.resolve("shared/config/database.yml");
            Files.createDirectories(shared.getParent());
            Files.writeString(shared, "production:\n  adapter: sqlite3\n");
            Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, dir.toString());
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
