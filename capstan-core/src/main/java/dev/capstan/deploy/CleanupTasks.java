package dev.capstan.deploy;

import dev.capstan.deploy.commands.CleanupCommands;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * deploy:cleanup keeps {@code keep_releases} good releases on each host, judged from that host's own
 * listing: unfinished (failed) releases go first and never push a good one out; {@code current} is never removed.
 */
final class CleanupTasks {
    private CleanupTasks() {}

    private static List<String> names(List<String> lines, String kind) {
        List<String> out = new ArrayList<>();
        for (String l : lines) if (l.startsWith(kind + " ")) out.add(l.substring(kind.length() + 1));
        return out;
    }

    /** True when {@code cleanup}'s command also writes revisions.log (nothing hooked in between), in its own flow. */
    private static boolean logRevisionFolds(TaskContext ctx, String cleanup, boolean rollingBack) {
        return DeployChains.finishing(rollingBack).folds(ctx, cleanup, "deploy:log_revision");
    }

    /** True when it also releases the lock. */
    private static boolean unlockFolds(TaskContext ctx, String cleanup, boolean rollingBack) {
        return DeployChains.finishing(rollingBack).folds(ctx, cleanup, "deploy:unlock_own");
    }

    /** The heading of cleanup's command when revisions.log (and the unlock) share it: they are named where they happen. */
    private static Map<String, Object> shownAs(String task, String what, boolean log, boolean unlock, Script script) {
        if (!log) return Map.of();
        List<String> whats = new ArrayList<>(List.of(what, "revisions.log"));
        List<String> tasks = new ArrayList<>(List.of(task, "deploy:log_revision"));
        if (unlock) {
            whats.add("unlock");
            tasks.add("deploy:unlock_own");
        }
        return Chain.shownAs(Chain.heading("finishing", whats, tasks), script);
    }

    /** {@code script}, then the host's revisions.log line and this run's unlock when they fold onto it; null script: those alone. */
    private static Script withLogAndUnlock(Script script, TaskContext ctx, DeployPaths p, dev.capstan.remote.Host host, Script unlock) {
        Script tail = ReleaseCommands.appendRevisionLog(p.revisionLog(), ReleaseTasks.message(ctx, p, host));
        if (unlock != null) tail = tail.and(unlock);
        return script == null ? tail : script.and(tail);
    }

    static void define(TaskRegistry t) {
        t.define("deploy:cleanup", "Clean up old releases", ctx -> {
            int keep = ctx.config().fetchInt("keep_releases", 5);
            if (keep < 1) throw new dev.capstan.config.ConfigException("variable 'keep_releases' must be at least 1, not " + keep);
            LockTasks.holding(ctx, () -> cleanup(ctx, new DeployPaths(ctx), keep));
        });
        t.define("deploy:cleanup_rollback", "Remove and archive rolled-back release.", ctx -> {
            int keep = ctx.config().fetchInt("keep_releases", 5);
            LockTasks.holding(ctx, () -> cleanupRollback(ctx, new DeployPaths(ctx), keep));
        });
    }

    private static void cleanup(TaskContext ctx, DeployPaths p, int keep) {
        // revisions.log (and the lock's release) ride on the same command when nothing is hooked in between
        boolean logToo = logRevisionFolds(ctx, "deploy:cleanup", false);
        Script unlock = unlockFolds(ctx, "deploy:cleanup", false) ? LockTasks.releaseCommandIfHeld(ctx) : null;
        ctx.on(Hosts.release(ctx), r -> {
            Script script = CleanupCommands.cleanup(p.releasesPath(), p.currentPath(), p.lockPath() + "/info", keep).subshellBlock()
                    .and(CleanupCommands.pruneArchives(p.deployTo(), keep).subshell());
            if (logToo) script = withLogAndUnlock(script, ctx, p, r.host(), unlock);
            Map<String, Object> options = new java.util.HashMap<>(shownAs("deploy:cleanup", "cleanup (keep " + keep + ")", logToo, unlock != null, script));
            options.put("verbosity", "INFO");
            report(r, r.capture(options, script.render()).lines().toList(), keep);
        });
        if (logToo) {
            RunState.markDone(ctx, "deploy:log_revision", "deploy:cleanup");
            if (unlock != null) LockTasks.markReleased(ctx);
        }
    }

    /** Says on each host what its cleanup decided, from the lines the script printed. */
    private static void report(dev.capstan.remote.Remote r, List<String> lines, int keep) {
        List<String> invalid = names(lines, "invalid");
        if (!invalid.isEmpty()) {
            r.warn("Skipping cleanup of invalid releases on " + r.host() + "; unexpected foldername found (should be timestamp): "
                    + String.join(", ", invalid));
        }
        List<String> inProgress = names(lines, "in-progress");
        if (!inProgress.isEmpty()) r.info("Kept the release of the deploy in progress on " + r.host() + ": " + String.join(", ", inProgress));
        List<String> inUse = names(lines, "in-use");
        if (!inUse.isEmpty()) r.warn("Kept release(s) still in use by a running process (its cwd, executable or an open file) on " + r.host() + ": " + String.join(", ", inUse));
        List<String> unfinished = names(lines, "unfinished");
        if (!unfinished.isEmpty()) r.info("Removed " + unfinished.size() + " unfinished release(s) on " + r.host() + ": " + String.join(", ", unfinished));
        List<String> archives = names(lines, "archive");
        if (!archives.isEmpty()) r.info("Removed " + archives.size() + " old rollback archive(s) on " + r.host() + ": " + String.join(", ", archives));
        if (!names(lines, "current").isEmpty()) r.warn("Current release was marked for being removed but it's going to be skipped on " + r.host());
        List<String> removed = names(lines, "removed");
        int good = lines.stream().filter(l -> l.startsWith("kept ")).map(l -> Integer.parseInt(l.split(" ")[1])).findFirst().orElse(0);
        if (good > keep) r.info("Keeping " + keep + " of " + good + " deployed releases on " + r.host() + (removed.isEmpty() ? "" : "; removed " + String.join(", ", removed)));
        else r.info("No old releases (keeping newest " + keep + ") on " + r.host());
    }

    private static void cleanupRollback(TaskContext ctx, DeployPaths p, int keep) {
        Map<String, String> from = DeployRun.of(ctx).rolledBackFrom();
        // revisions.log and the lock's release ride on the same command when nothing is hooked in between
        boolean logToo = logRevisionFolds(ctx, "deploy:cleanup_rollback", true);
        Script unlock = unlockFolds(ctx, "deploy:cleanup_rollback", true) ? LockTasks.releaseCommandIfHeld(ctx) : null;
        ctx.on(Hosts.release(ctx), r -> {
            String name = from.get(r.host().label());
            Script script = name == null ? null : CleanupCommands.archiveRolledBack(p.deployTo(), p.releasesPath(), p.currentPath(), name).subshell()
                    .and(CleanupCommands.pruneArchives(p.deployTo(), keep).subshell());
            if (logToo) script = withLogAndUnlock(script, ctx, p, r.host(), unlock);
            if (script == null) {
                r.debug("No release was rolled back from on " + r.host() + ", skip cleanup_rollback.");
                return;
            }
            if (r.capture(shownAs("deploy:cleanup_rollback", "archive " + name, logToo, unlock != null, script), script.render()).lines().anyMatch("current"::equals)) r.debug("Last release is the current release, skip cleanup_rollback.");
        });
        if (logToo) {
            RunState.markDone(ctx, "deploy:log_revision", "deploy:cleanup_rollback");
            if (unlock != null) LockTasks.markReleased(ctx);
        }
    }
}
