package dev.capstan.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bench/fleet.sh: a fleet that stays up for profiling by hand — the benchmark's repository, a Capstan and a
 * Capistrano project deploying to every host (deploy_to /srv/capstan and /srv/cap), and a file of shell
 * variables to use them. Runs until the stop file appears. Not part of the suite (no *IT name) and skipped
 * unless -Dcapstan.fleet.hold=true.
 */
class StandingFleet {
    static final Path ENV = Path.of(System.getProperty("capstan.fleet.env", "/tmp/capstan-fleet.env"));

    @Test
    void hold() throws Exception {
        assumeTrue(Boolean.getBoolean("capstan.fleet.hold"), "run with bench/fleet.sh");
        int n = Integer.getInteger("capstan.fleet.hosts", 10);
        int rtt = Integer.getInteger("capstan.fleet.rtt", 0);
        try (Fleet fleet = Fleet.start(n, rtt)) {
            CompareBench.makeRepository(fleet);
            Path capstan = CompareBench.benchProject(fleet, "capstan", "standing", "/srv/capstan");
            Path cap = CompareBench.benchProject(fleet, "cap", "standing", "/srv/cap");
            Path stop = Path.of(ENV + ".stop");
            Files.deleteIfExists(stop);
            Files.writeString(ENV, String.join("\n", List.of(
                    "# . this file; then e.g.: cd \"$CAPSTAN_PROJECT\" && \"$CAPSTAN\" e2e deploy; cd \"$CAP_PROJECT\" && cap e2e deploy",
                    "export SSH_AUTH_SOCK='" + fleet.agentSocket + "'",
                    "export XDG_CACHE_HOME='" + fleet.root.resolve("cache") + "'",
                    "export CAPSTAN='" + Projects.REPO_ROOT.resolve("bin/capstan") + "'",
                    "export CAPSTAN_PROJECT='" + capstan + "'",
                    "export CAP_PROJECT='" + cap + "'",
                    "export FLEET_ROOT='" + fleet.root + "'",
                    "# a new revision to deploy: fleet_commit",
                    "fleet_commit() { git -C '" + fleet.work() + "' -c user.name=bench -c user.email=bench@example.com commit -q --allow-empty"
                            + " -m \"rev $(date +%s%N)\" && GIT_CONFIG_GLOBAL='" + fleet.root.resolve("gitconfig") + "' git -C '" + fleet.work()
                            + "' push -q '" + fleet.git.srv().resolve("git/app.git") + "' HEAD:main && chown -R " + Fleet.USER + ":" + Fleet.USER
                            + " '" + fleet.git.srv().resolve("git") + "'; }",
                    "# stop the fleet: touch '" + stop + "'", "")));
            System.out.println("[fleet] " + n + " hosts up; . " + ENV + "; stop with: touch " + stop);
            while (!Files.exists(stop)) Thread.sleep(500);
        }
    }
}
