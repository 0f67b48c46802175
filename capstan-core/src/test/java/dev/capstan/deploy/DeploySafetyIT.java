package dev.capstan.deploy;

import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What keeps `current` pointing at a complete release when tasks that change hosts run alone, during a deploy,
 * or against a host whose releases were tampered with: real git, real files, the local backend.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeploySafetyIT extends DeployTestBase {
    private Path current() throws Exception {
        return Files.readSymbolicLink(deployTo.resolve("current"));
    }

    private void deploy() {
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
    }

    @Test
    void cleanupAndTheSymlinkTasksRunFromAnotherTerminalDuringADeployAreRefusedByTheLock() throws Exception {
        deploy();
        Map<String, String> refused = new java.util.concurrent.ConcurrentHashMap<>();
        try (DeployHarness h = harness()) {
            // while this deploy waits before publishing, another `capstan` runs each task that changes hosts
            h.tasks.define("other:terminal", null, ctx -> {
                for (String task : List.of("deploy:cleanup", "deploy:cleanup_rollback", "deploy:symlink:shared", "deploy:rollback")) {
                    try (DeployHarness other = harness()) {
                        other.config.set("keep_releases", 1);
                        other.run(task);
                        refused.put(task, "ran");
                    } catch (RuntimeException e) {
                        refused.put(task, e.getMessage());
                    }
                }
            });
            h.tasks.before("deploy:publishing", "other:terminal", null);
            h.run("deploy");
        }
        assertThat(refused).hasSize(4).allSatisfy((task, message) -> assertThat(message).as(task).contains("deploy is locked on 1 host(s)"));
        assertThat(releases()).hasSize(2);
        assertThat(current()).isEqualTo(deployTo.resolve("releases/" + releases().get(1)));
        assertThat(deployTo.resolve("current/REVISION")).exists();
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
    }

    @Test
    void cleanupInsideADeployBeforePublishingSparesTheRunsOwnRelease() throws Exception {
        deploy();
        try (DeployHarness h = harness()) {
            h.config.set("keep_releases", 1);
            h.tasks.before("deploy:publishing", "deploy:cleanup", null);
            h.run("deploy");
            assertThat(h.events).anyMatch(e -> e instanceof Event.LogMessage m && m.message().startsWith("Kept the release of the deploy in progress"));
        }
        assertThat(current()).isEqualTo(deployTo.resolve("releases/" + releases().get(releases().size() - 1)));
        assertThat(deployTo.resolve("current/index.html")).exists();
    }

    @Test
    void theSwitchRefusesAReleaseThatVanishedOrIsNoLongerThisRunsSoCurrentNeverDangles() throws Exception {
        deploy();
        Path good = current();
        for (String tamper : List.of("rm -rf", "other run", "no REVISION")) {
            try (DeployHarness h = harness()) {
                // what a cleanup run with a broken lock, or another run, could do to the release before it is published
                h.tasks.define("tamper", null, ctx -> {
                    Path release = Path.of(ctx.config().fetchString("release_path"));
                    if (tamper.equals("rm -rf")) new ProcessBuilder("rm", "-rf", release.toString()).start().waitFor();
                    else if (tamper.equals("other run")) Files.writeString(release.resolve(".capstan-unfinished"), "someoneelse\n");
                    else Files.delete(release.resolve("REVISION"));
                });
                h.tasks.before("deploy:publishing", "tamper", null);
                assertThatThrownBy(() -> h.run("deploy")).as(tamper).hasMessageContaining("current not switched")
                        .hasMessageContaining("could not publish on " + hostLabel() + ": no host was switched").hasMessageContaining("HOST")
                        .hasMessageContaining("(as before)  not switched: ");
            }
            assertThat(current()).as(tamper).isEqualTo(good);
            assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
            assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
        }
    }

    @Test
    void symlinkReleaseRunOnItsOwnFailsSafelyInsteadOfPointingCurrentAtItself() throws Exception {
        deploy();
        Path good = current();
        try (DeployHarness h = harness()) {
            assertThatThrownBy(() -> h.run("deploy:symlink:release")).hasMessageContaining("no release of this run to publish on " + hostLabel());
            h.config.set("linked_dirs", List.of("log"));
            assertThatThrownBy(() -> h.run("deploy:symlink:linked_dirs")).hasMessageContaining("no release of this run to link linked_dirs into");
        }
        assertThat(current()).isEqualTo(good);
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
    }

    @Test
    void aGivenReleaseTimestampThatExistsFailsBeforeTouchingTheLiveRelease() throws Exception {
        deploy();
        String live = releases().get(0);
        DeployHarness.commit(repo, Map.of("index.html", "v2\n"), "second");
        try (DeployHarness h = harness()) {
            h.config.set("release_timestamp", live);
            assertThatThrownBy(() -> h.run("deploy")).hasMessageContaining("release " + deployTo.resolve("releases/" + live) + " exists already");
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
        assertThat(deployTo.resolve("releases/" + live + "/.capstan-unfinished")).doesNotExist();
        try (DeployHarness h = harness()) {
            h.config.set("keep_releases", 1);
            h.run("deploy:cleanup");
        }
        assertThat(releases()).containsExactly(live);
    }

    @Test
    void deploysInTheSameSecondOrFromAClockBehindGetAFreshNameAfterTheNewestRelease() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
            h.run("deploy"); // the same second, most of the time: a fresh name all the same
        }
        assertThat(releases()).hasSize(2);
        // a release made by a machine whose clock was ahead: the next name sorts after it
        String ahead = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusHours(3).format(ReleaseName.TIMESTAMP);
        Files.createDirectories(deployTo.resolve("releases/" + ahead));
        deploy();
        List<String> rel = releases();
        assertThat(rel).hasSize(4);
        assertThat(rel.get(3)).isGreaterThan(ahead);
        assertThat(current()).isEqualTo(deployTo.resolve("releases/" + rel.get(3)));
    }

    @Test
    void anIncompleteReleaseIsNeverRolledBackToAndAnInterruptedCleanupLeavesNoHalfRelease() throws Exception {
        deploy();
        String first = releases().get(0);
        deploy();
        // a cleanup killed after renaming the release aside: no half release is left under releases/
        Path trash = Files.createDirectories(deployTo.resolve("releases/.capstan-trash/" + first));
        try (DeployHarness h = harness()) {
            h.config.set("ROLLBACK_RELEASE", first);
            h.run("deploy:rollback");
        }
        assertThat(current()).isEqualTo(deployTo.resolve("releases/" + first));
        Files.writeString(deployTo.resolve("releases/" + first + "/.capstan-unfinished"), "");
        try (DeployHarness h = harness()) {
            h.config.set("ROLLBACK_RELEASE", first);
            assertThatThrownBy(() -> h.run("deploy:rollback")).hasMessageContaining("has it INCOMPLETE");
        }
        // half deleted in place (an older cleanup's rm -rf, or Capistrano's): no REVISION where the others have one
        Files.delete(deployTo.resolve("releases/" + first + "/.capstan-unfinished"));
        deploy();
        Files.delete(deployTo.resolve("releases/" + first + "/REVISION"));
        try (DeployHarness h = harness()) {
            h.config.set("ROLLBACK_RELEASE", first);
            assertThatThrownBy(() -> h.run("deploy:rollback")).hasMessageContaining("has it INCOMPLETE");
        }
        try (DeployHarness h = harness()) {
            h.run("deploy:cleanup");
        }
        assertThat(trash).doesNotExist();
    }

    @Test
    void aHookThatFailsAfterPublishingSaysTheReleaseIsLiveAndLogsIt() throws Exception {
        AtomicReference<String> release = new AtomicReference<>();
        try (DeployHarness h = harness()) {
            h.tasks.define("app:restart", null, ctx -> {
                release.set(ctx.config().fetchString("release_timestamp"));
                ctx.on(ctx.roles("app"), r -> r.execute("false"));
            });
            h.tasks.after("deploy:published", "app:restart", null);
            assertThatThrownBy(() -> h.run("deploy"))
                    .hasMessageContaining("release " + release.get() + " is live on all 1 host(s) (logged in revisions.log); then app:restart: failed on " + hostLabel());
        }
        assertThat(current()).isEqualTo(deployTo.resolve("releases/" + release.get()));
        assertThat(Files.readAllLines(deployTo.resolve("revisions.log"))).singleElement().asString().contains("deployed as release " + release.get());
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
    }

    @Test
    void rollbackArchivesAreCleanedUpLikeReleases() throws Exception {
        for (String n : List.of("20200101000000", "20200102000000", "20200103000000")) {
            Files.createDirectories(deployTo);
            Files.writeString(deployTo.resolve("rolled-back-release-" + n + ".tar.gz"), "old");
        }
        try (DeployHarness h = harness()) {
            h.config.set("keep_releases", 2);
            h.run("deploy");
        }
        try (var s = Files.list(deployTo)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("rolled-back")).sorted().toList())
                    .containsExactly("rolled-back-release-20200102000000.tar.gz", "rolled-back-release-20200103000000.tar.gz");
        }
    }
}
