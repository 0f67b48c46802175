package dev.capstan.deploy;

import dev.capstan.remote.event.Event;
import dev.capstan.task.TaskException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole deploy flow on this machine: real git, real files, the local backend. {@link DeployFlowOverSshIT}
 * runs every test again over SSH to an embedded server.
 */
class DeployFlowIT extends DeployTestBase {
    @Test
    void aFirstDeployBuildsCapistranosLayout() throws Exception {
        try (DeployHarness h = harness()) {
            h.config.set("linked_files", List.of("config/database.yml"));
            h.config.set("linked_dirs", List.of("log", "public/system"));
            Files.createDirectories(deployTo.resolve("shared/config"));
            Files.writeString(deployTo.resolve("shared/config/database.yml"), "db\n");
            h.run("deploy");

            List<String> rel = releases();
            assertThat(rel).hasSize(1);
            assertThat(rel.get(0)).matches("\\d{14}");
            Path release = deployTo.resolve("releases").resolve(rel.get(0));
            assertThat(Files.readSymbolicLink(deployTo.resolve("current"))).isEqualTo(release);
            String sha = DeployHarness.git(repo, "rev-parse", "HEAD");
            assertThat(Files.readString(release.resolve("REVISION"))).isEqualTo(sha + "\n");
            assertThat(Files.readString(release.resolve("REVISION_TIME"))).matches("\\d{10}\n");
            assertThat(Files.readString(release.resolve("index.html"))).isEqualTo("v1\n");
            assertThat(Files.readSymbolicLink(release.resolve("config/database.yml"))).isEqualTo(deployTo.resolve("shared/config/database.yml"));
            assertThat(Files.readSymbolicLink(release.resolve("public/system"))).isEqualTo(deployTo.resolve("shared/public/system"));
            assertThat(release.resolve(".capstan-unfinished")).doesNotExist();
            assertThat(deployTo.resolve("repo/HEAD")).exists();
            assertThat(Files.readString(deployTo.resolve("revisions.log")))
                    .isEqualTo("Branch master (at " + sha + ") deployed as release " + rel.get(0) + " by alice\n");
            assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
        }
    }

    @Test
    void theRunsStateIsItsOwnAndTheConfigurationHoldsOnlyVariables() throws Exception {
        try (DeployHarness h = harness()) {
            h.config.set("linked_dirs", List.of("log"));
            h.run("deploy");
            DeployRun run = DeployRun.of(h.last);
            assertThat(run.held()).isFalse();
            assertThat(run.taken()).isTrue();
            assertThat(run.published()).containsOnlyKeys(hostLabel());
            assertThat(h.config.keys()).noneMatch(k -> k.startsWith("capstan_")).doesNotContain("rolling_back");
            h.run("deploy");
            h.run("deploy:rollback");
            assertThat(DeployRun.of(h.last).rolledBackFrom()).containsOnlyKeys(hostLabel());
            assertThat(h.config.keys()).noneMatch(k -> k.startsWith("capstan_")).doesNotContain("rolling_back");
        }
    }

    @Test
    void rollbackGoesToTheReleaseBeforeCurrentAndArchivesTheRolledBackOne() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        String first = releases().get(0);
        DeployHarness.commit(repo, Map.of("index.html", "v2\n"), "second");
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        String second = releases().get(1);
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v2\n");
        try (DeployHarness h = harness()) {
            h.run("deploy:rollback");
        }
        assertThat(Files.readSymbolicLink(deployTo.resolve("current"))).isEqualTo(deployTo.resolve("releases/" + first));
        assertThat(releases()).containsExactly(first);
        assertThat(deployTo.resolve("rolled-back-release-" + second + ".tar.gz")).exists();
        assertThat(Files.readAllLines(deployTo.resolve("revisions.log")).get(2)).isEqualTo("alice rolled back to release " + first);
    }

    @Test
    void aDefaultRollbackTakesAtMostFiveCommandsPerHostAndAHookStillSeesTheLogWrittenAfterIt() throws Exception {
        for (int i = 1; i <= 3; i++) {
            DeployHarness.commit(repo, Map.of("index.html", "release " + i + "\n"), "release " + i);
            try (DeployHarness h = harness()) {
                h.run("deploy");
            }
        }
        List<String> rel = releases();
        try (DeployHarness h = harness()) {
            h.run("deploy:rollback");
            long commands = h.events.stream().filter(e -> e instanceof Event.CommandStarted).count();
            assertThat(commands).as("remote commands of a default rollback: %s", h.commandSummaries()).isLessThanOrEqualTo(5);
        }
        assertThat(Files.readSymbolicLink(deployTo.resolve("current"))).isEqualTo(deployTo.resolve("releases/" + rel.get(1)));
        assertThat(deployTo.resolve("rolled-back-release-" + rel.get(2) + ".tar.gz")).exists();
        assertThat(deployTo.resolve("releases/" + rel.get(2))).doesNotExist();
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();

        // a hook after cleanup_rollback runs before revisions.log is written, as in Capistrano
        Map<String, Boolean> logged = new java.util.concurrent.ConcurrentHashMap<>();
        try (DeployHarness h = harness()) {
            h.tasks.define("probe", null, ctx -> ctx.on(ctx.roles("all"), r ->
                    logged.put("before", r.test("grep", "-q", "rolled back to release " + rel.get(0), deployTo.resolve("revisions.log").toString()))));
            h.tasks.after("deploy:cleanup_rollback", "probe", null);
            h.run("deploy:rollback");
        }
        assertThat(logged).containsEntry("before", false);
        assertThat(Files.readAllLines(deployTo.resolve("revisions.log"))).last().isEqualTo("alice rolled back to release " + rel.get(0));
        assertThat(deployTo.resolve("rolled-back-release-" + rel.get(1) + ".tar.gz")).exists();
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
    }

    @Test
    void aMissingLinkedFileFailsBeforeAnythingIsPublishedAndRunsDeployFailed() throws Exception {
        try (DeployHarness h = harness()) {
            h.config.set("linked_files", List.of("config/missing.yml"));
            h.tasks.define("my:failed", null, ctx -> Files.writeString(tmp.resolve("failed-hook-ran"), "yes"));
            h.tasks.after("deploy:failed", "my:failed", null);
            assertThatThrownBy(() -> h.run("deploy"))
                    .isInstanceOf(TaskException.class)
                    .hasMessageContaining("linked file(s) missing")
                    .hasMessageContaining("config/missing.yml");
        }
        assertThat(tmp.resolve("failed-hook-ran")).exists();
        assertThat(deployTo.resolve("current")).doesNotExist();
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
    }

    @Test
    void aFailureWhileUpdatingLeavesCurrentAndMarksTheReleaseUnfinishedThenCleanupRemovesIt() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        Path good = Files.readSymbolicLink(deployTo.resolve("current"));
        try (DeployHarness h = harness()) {
            h.tasks.define("boom", null, ctx -> ctx.on(ctx.roles("app"), r -> r.execute("false")));
            h.tasks.before("deploy:updated", "boom", null);
            assertThatThrownBy(() -> h.run("deploy")).hasMessageContaining("false exit status: 1");
        }
        assertThat(Files.readSymbolicLink(deployTo.resolve("current"))).isEqualTo(good);
        List<String> rel = releases();
        assertThat(rel).hasSize(2);
        assertThat(deployTo.resolve("releases").resolve(rel.get(1)).resolve(".capstan-unfinished")).exists();

        // rollback never picks the failed release; cleanup removes it first
        try (DeployHarness h = harness()) {
            h.config.set("keep_releases", 1);
            h.run("deploy");
        }
        assertThat(releases()).hasSize(1);
        assertThat(deployTo.resolve("releases").resolve(releases().get(0)).resolve(".capstan-unfinished")).doesNotExist();
    }

    @Test
    void aStageInvokedAloneDoesNotLeaveItsLockBehind() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy:starting");
        }
        assertThat(deployTo.resolve("releases")).isDirectory();
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
        try (DeployHarness h = harness()) {
            h.tasks.define("boom", null, ctx -> ctx.on(ctx.roles("app"), r -> r.execute("false")));
            h.tasks.before("deploy:starting", "boom", null);
            assertThatThrownBy(() -> h.run("deploy:starting")).hasMessageContaining("false exit status: 1");
        }
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        assertThat(deployTo.resolve("current")).exists();
    }

    @Test
    void aConcurrentDeployIsRefusedNamingTheHolder() throws Exception {
        Files.createDirectories(deployTo.resolve(".capstan-lock"));
        Files.writeString(deployTo.resolve(".capstan-lock/info"), "user=bob host=laptop stage=test since=1700000000 token=abc\n");
        try (DeployHarness h = harness()) {
            assertThatThrownBy(() -> h.run("deploy"))
                    .hasMessageContaining("deploy is locked on 1 host(s)")
                    .hasMessageContaining("locked by bob from laptop since 2023-11-14")
                    .hasMessageContaining("STALE")
                    .hasMessageContaining("deploy:unlock");
        }
        assertThat(deployTo.resolve("current")).doesNotExist();
        assertThat(deployTo.resolve(".capstan-lock/info")).exists();
        try (DeployHarness h = harness()) {
            h.config.set("force_unlock", true);
            h.run("deploy");
        }
        assertThat(deployTo.resolve("current")).exists();
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
    }

    @Test
    void relativeSymlinksResolveInsideAChroot() throws Exception {
        try (DeployHarness h = harness()) {
            h.config.set("symlinks", "relative");
            h.config.set("linked_dirs", List.of("log", "public/system"));
            h.run("deploy");
        }
        String rel = releases().get(0);
        assertThat(Files.readSymbolicLink(deployTo.resolve("current")).toString()).isEqualTo("releases/" + rel);
        Path release = deployTo.resolve("releases").resolve(rel);
        assertThat(Files.readSymbolicLink(release.resolve("public/system")).toString()).isEqualTo("../../../shared/public/system");
        // the same tree moved elsewhere (as seen from inside a chroot) still resolves
        Path moved = tmp.resolve("jail/var/www/app");
        Files.createDirectories(moved.getParent());
        Files.move(deployTo, moved);
        assertThat(moved.resolve("current/public/system").toRealPath()).isEqualTo(moved.resolve("shared/public/system").toRealPath());
        assertThat(moved.resolve("current/index.html")).exists();
    }

    @Test
    void aLeftoverTemporaryLinkNeverRedirectsCurrent() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        String first = releases().get(0);
        // a killed run left a temporary link (Capistrano's releases/current quirk) pointing at the old release
        Files.createSymbolicLink(deployTo.resolve("releases/current"), deployTo.resolve("releases/" + first));
        Files.createSymbolicLink(deployTo.resolve(".capstan-current-deadbeef"), deployTo.resolve("releases/" + first));
        DeployHarness.commit(repo, Map.of("index.html", "v2\n"), "second");
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v2\n");
        assertThat(deployTo.resolve(".capstan-current-deadbeef")).doesNotExist();
    }

    @Test
    void revisionLogIsLiteralWhateverTheBranchAndUserContain() throws Exception {
        String branch = "fe$(touch${IFS}pwned)'q'\"`touch${IFS}pwned2`";
        DeployHarness.git(repo, "branch", branch);
        try (DeployHarness h = harness()) {
            h.config.set("branch", branch);
            h.config.set("local_user", "o'brien \"$USER\"");
            h.run("deploy");
        }
        String line = Files.readAllLines(deployTo.resolve("revisions.log")).get(0);
        assertThat(line).startsWith("Branch " + branch + " (at ").endsWith(" by o'brien \"$USER\"");
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
        assertThat(Path.of("pwned")).doesNotExist();
        assertThat(Path.of("pwned2")).doesNotExist();
    }

    @Test
    void cleanupKeepsKeepReleasesAmongThousandsAndNeverRemovesCurrent() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        String current = releases().get(0);
        for (int i = 0; i < 3000; i++) Files.createDirectory(deployTo.resolve("releases").resolve(String.format("2001%010d", i)));
        Files.createDirectory(deployTo.resolve("releases/new"));
        Files.createDirectory(deployTo.resolve("releases/99999999999999")); // newer than current by name
        try (DeployHarness h = harness()) {
            h.config.set("keep_releases", 3);
            h.run("deploy:cleanup");
            assertThat(h.events).anyMatch(e -> e instanceof Event.LogMessage m && m.message().contains("Skipping cleanup of invalid releases"));
        }
        assertThat(releases()).containsExactlyInAnyOrder("20010000002999", current, "99999999999999", "new");
    }

    @Test
    void rollbackWorksWhileTheRepositoryIsUnreachableAndNeverAsksIt() throws Exception {
        for (int i = 0; i < 2; i++) {
            try (DeployHarness h = harness()) {
                h.run("deploy");
            }
        }
        String first = releases().get(0);
        try (DeployHarness h = harness()) {
            h.config.set("repo_url", tmp.resolve("gone.git").toString());
            h.run("deploy:rollback");
            assertThat(h.commandSummaries()).noneMatch(s -> s.contains("git ls-remote")).noneMatch(s -> s.contains("gone.git"));
        }
        assertThat(Files.readSymbolicLink(deployTo.resolve("current"))).isEqualTo(deployTo.resolve("releases/" + first));
        // a deploy still needs it, and fails before anything is created
        try (DeployHarness h = harness()) {
            h.config.set("repo_url", tmp.resolve("gone.git").toString());
            assertThatThrownBy(() -> h.run("deploy")).hasMessageContaining("gone.git");
        }
        assertThat(releases()).containsExactly(first);
        assertThat(Files.readSymbolicLink(deployTo.resolve("current"))).isEqualTo(deployTo.resolve("releases/" + first));
    }

    @Test
    void rollbackWithNothingOlderFailsClearly() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        try (DeployHarness h = harness()) {
            assertThatThrownBy(() -> h.run("deploy:rollback")).hasMessageContaining("There are no older releases to rollback to");
        }
    }

    @Test
    void rollbackReleaseVariablePicksAReleaseExplicitly() throws Exception {
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                DeployHarness.commit(repo, Map.of("index.html", "v" + (i + 1) + "\n"), "c" + i);
            }
            try (DeployHarness h = harness()) {
                h.run("deploy");
            }
        }
        String first = releases().get(0);
        try (DeployHarness h = harness()) {
            h.config.set("ROLLBACK_RELEASE", first);
            h.run("deploy:rollback");
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
        try (DeployHarness h = harness()) {
            h.config.set("ROLLBACK_RELEASE", "20990101000000");
            assertThatThrownBy(() -> h.run("deploy:rollback")).hasMessageContaining("Cannot rollback because release 20990101000000")
                    .hasMessageContaining("does not have it");
        }
    }

    @Test
    void shallowCloneAndRepoTree() throws Exception {
        DeployHarness.commit(repo, Map.of("sub/dir/app.txt", "inner\n"), "tree");
        try (DeployHarness h = harness()) {
            h.config.set("repo_url", "file://" + repo);
            h.config.set("git_shallow_clone", 1);
            h.config.set("repo_tree", "/sub/dir/");
            h.run("deploy");
            assertThat(h.commandSummaries()).anyMatch(s -> s.contains("git clone --mirror --depth 1 --no-single-branch"));
        }
        assertThat(Files.readString(deployTo.resolve("current/app.txt"))).isEqualTo("inner\n");
        assertThat(deployTo.resolve("current/index.html")).doesNotExist();
    }

    @Test
    void aDryRunPrintsTheWholeDeployAndTouchesNothing() throws Exception {
        try (DeployHarness h = new DeployHarness(new dev.capstan.remote.backend.printer.PrinterBackend(true), "deploy", "scm/git")) {
            h.config.set("application", "app");
            h.config.set("repo_url", repo.toString());
            h.config.set("deploy_to", deployTo.toString());
            h.config.set("linked_files", List.of("config/database.yml"));
            h.localServer("localhost");
            h.run("deploy");
            assertThat(h.commandSummaries()).anyMatch(s -> s.contains("git clone --mirror"))
                    .anyMatch(s -> s.contains("git archive")).anyMatch(s -> s.contains("mv -T")).anyMatch(s -> s.contains("revisions.log"));
        }
        assertThat(deployTo).doesNotExist();
    }

    @Test
    void hooksRunInCapistranosOrder() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
            List<String> started = h.events.stream().filter(e -> e instanceof Event.TaskStarted)
                    .map(e -> ((Event.TaskStarted) e).task()).toList();
            assertThat(started).containsSubsequence("deploy", "deploy:lock", "deploy:starting", "git:check", "deploy:check",
                    "deploy:check:directories", "deploy:set_previous_revision", "deploy:new_release_path", "git:clone",
                    "git:update", "git:create_release", "deploy:updating", "git:set_current_revision", "deploy:set_current_revision",
                    "deploy:symlink:shared", "deploy:publishing", "deploy:symlink:release", "deploy:finishing", "deploy:cleanup",
                    "deploy:finished", "deploy:log_revision");
            assertThat(Pattern.compile("\\d{14}").matcher(h.config.fetchString("release_timestamp")).matches()).isTrue();
        }
    }

    @Test
    void gitCheckRunsItsOwnCommandAloneOrWhenHookedAndFoldsIntoTheFetchInADefaultDeploy() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy:check");
            assertThat(h.commandSummaries()).anyMatch(s -> s.contains("git ls-remote"));
            h.events.clear();
            h.run("deploy");
            assertThat(h.commandSummaries()).noneMatch(s -> s.contains("git ls-remote"));
        }
        try (DeployHarness h = harness()) {
            h.tasks.define("my:after_check", null, ctx -> {});
            h.tasks.after("git:check", "my:after_check", null);
            h.run("deploy");
            assertThat(h.commandSummaries()).anyMatch(s -> s.contains("git ls-remote"));
        }
    }

    @Test
    void aDefaultGitDeployTakesAtMostFiveCommandsPerHost() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
            h.events.clear();
            DeployHarness.commit(repo, Map.of("index.html", "v2\n"), "second");
            h.run("deploy");
            long commands = h.events.stream().filter(e -> e instanceof Event.CommandStarted).count();
            assertThat(commands).as("remote commands of a second default deploy: %s", h.commandSummaries()).isLessThanOrEqualTo(5);
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v2\n");
    }

    @Test
    void aHookAfterCreateReleaseSplitsUpdatingThereOnlyCostingOneCommandMore() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
            h.events.clear();
            h.tasks.define("my:after_release", null, ctx -> {});
            h.tasks.after("git:create_release", "my:after_release", null);
            DeployHarness.commit(repo, Map.of("index.html", "v2\n"), "second");
            h.run("deploy");
            // mirror + release in one command, then (after the hook) REVISION and the links in one more; was 10
            long commands = h.events.stream().filter(e -> e instanceof Event.CommandStarted).count();
            assertThat(commands).as("remote commands with an empty hook after git:create_release: %s", h.commandSummaries()).isEqualTo(6);
            assertThat(h.commandSummaries()).noneMatch(s -> s.contains("git ls-remote"));
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v2\n");
        assertThat(Files.readString(deployTo.resolve("current/REVISION"))).isEqualTo(DeployHarness.git(repo, "rev-parse", "HEAD") + "\n");
    }

    @Test
    void statusShowsCurrentReleaseRevisionAndReleasesPerHost() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        String current = releases().get(0);
        String sha = DeployHarness.git(repo, "rev-parse", "HEAD");
        try (DeployHarness h = harness()) {
            h.run("releases");
            List<String> lines = h.events.stream().filter(e -> e instanceof Event.LogMessage)
                    .map(e -> ((Event.LogMessage) e).message()).toList();
            assertThat(lines).anyMatch(l -> l.startsWith("HOST") && l.contains("CURRENT") && l.contains("REVISION"));
            assertThat(lines).anyMatch(l -> l.startsWith(hostLabel()) && l.contains(current) && l.contains(sha.substring(0, 12)) && l.contains("1 good"));
        }
    }

    @Test
    void updatingIsOneCommandPerHostUnlessAHookNeedsToSeeTheStepsInBetween() throws Exception {
        try (DeployHarness h = harness()) {
            h.config.set("linked_dirs", List.of("log"));
            h.run("deploy");
            List<String> updating = h.commandSummaries().stream().filter(c -> c.contains("git archive")).toList();
            assertThat(updating).hasSize(1);
            assertThat(updating.get(0)).contains("git clone --mirror", "REVISION", "ln -s");
        }
        String first = releases().get(0);
        assertThat(deployTo.resolve("releases/" + first + "/REVISION")).exists();
        assertThat(Files.isSymbolicLink(deployTo.resolve("releases/" + first + "/log"))).isTrue();

        // a hook after git:create_release sees the release before REVISION and the links, as in Capistrano
        Map<String, Boolean> seen = new java.util.concurrent.ConcurrentHashMap<>();
        try (DeployHarness h = harness()) {
            h.config.set("linked_dirs", List.of("log"));
            h.tasks.define("probe", null, ctx -> ctx.on(ctx.roles("all"), r -> {
                String release = ctx.config().fetchString("release_path");
                seen.put("index", r.test("test", "-f", release + "/index.html"));
                seen.put("revision", r.test("test", "-f", release + "/REVISION"));
                seen.put("link", r.test("test", "-L", release + "/log"));
            }));
            h.tasks.after("git:create_release", "probe", null);
            h.run("deploy");
            assertThat(h.commandSummaries().stream().filter(c -> c.contains("git archive")).toList())
                    .singleElement().asString().contains("git remote update").doesNotContain("REVISION", "ln -s");
        }
        assertThat(seen).containsEntry("index", true).containsEntry("revision", false).containsEntry("link", false);
        String second = releases().get(1);
        assertThat(deployTo.resolve("releases/" + second + "/REVISION")).exists();
        assertThat(Files.isSymbolicLink(deployTo.resolve("releases/" + second + "/log"))).isTrue();
    }
}
