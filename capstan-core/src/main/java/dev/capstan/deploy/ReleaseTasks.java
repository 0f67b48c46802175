package dev.capstan.deploy;

import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The new release: its path, REVISION files, shared links, revisions.log (the switch of {@code current}: {@link PublishTask}). */
final class ReleaseTasks {
    private ReleaseTasks() {}

    static void define(TaskRegistry t) {
        // the name this project's last deploy generated: a later run in the same process (the console) makes a new one,
        // while a release_timestamp the user gave is used as it is
        AtomicReference<String> generated = new AtomicReference<>();
        t.define("deploy:new_release_path", null, ctx -> {
            // one UTC timestamp for the whole deploy, the same on every host, later than every host's newest release;
            // one given with release_timestamp= is used as it is (and refused by the host if it exists)
            DeployRun run = DeployRun.of(ctx);
            Object given = ctx.config().fetch("release_timestamp");
            if (given == null || String.valueOf(given).equals(generated.get())) {
                String name = ReleaseName.fresh(ZonedDateTime.now(run.clock()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime(), RunState.perHost(ctx, "newest_release").values());
                ctx.config().set("release_timestamp", name);
                generated.set(name);
            }
            run.releasePaths(java.util.Map.of());
            DeployPaths p = new DeployPaths(ctx);
            ctx.config().set("release_path", p.releasesPath() + "/" + ctx.config().fetchString("release_timestamp"));
        });
        t.define("deploy:set_previous_revision", null, ctx -> {
            if (RunState.alreadyDone(ctx, "deploy:set_previous_revision")) {
                RunState.perHost(ctx, "previous_revision").values().stream().filter(v -> !v.isEmpty()).findFirst()
                        .ifPresent(v -> ctx.config().set("previous_revision", v));
                return;
            }
            DeployPaths p = new DeployPaths(ctx);
            ctx.on(Hosts.release(ctx), r -> {
                String prev = r.capture(ReleaseCommands.previousRevision(p.currentPath()).render());
                if (!prev.isEmpty()) ctx.config().set("previous_revision", prev);
            });
        });
        t.define("deploy:set_current_revision", "Place a REVISION file with the current revision SHA in the current release path",
                ctx -> DeployChains.updatingFromRevision(ctx).run(ctx, "deploy:set_current_revision"));
        t.define("deploy:symlink:shared", "Symlink files and directories from shared to release", ctx -> LockTasks.holding(ctx, () -> {
            ctx.invoke("deploy:symlink:linked_files");
            ctx.invoke("deploy:symlink:linked_dirs");
        }));
        t.define("deploy:symlink:linked_files", "Symlink linked files", ctx -> LockTasks.holding(ctx, () -> linkShared(ctx, "linked_files")));
        t.define("deploy:symlink:linked_dirs", "Symlink linked directories", ctx -> LockTasks.holding(ctx, () -> linkShared(ctx, "linked_dirs")));
        t.define("deploy:log_revision", "Log details of the deploy", ctx -> {
            if (RunState.alreadyDone(ctx, "deploy:log_revision")) return;
            DeployPaths p = new DeployPaths(ctx);
            // the lock is released by the same command when deploy:finished runs nothing in between
            Script unlock = DeployChains.finishing(RunState.inFlow(ctx, "deploy:rollback")).folds(ctx, "deploy:log_revision", "deploy:unlock_own")
                    ? LockTasks.releaseCommandIfHeld(ctx) : null;
            ctx.on(Hosts.release(ctx), r -> {
                Script log = ReleaseCommands.appendRevisionLog(p.revisionLog(), message(ctx, p, r.host()));
                r.execute((unlock == null ? log : log.and(unlock)).render());
            });
            if (unlock != null) LockTasks.markReleased(ctx);
        });
    }

    private static void linkShared(TaskContext ctx, String variable) {
        String task = "deploy:symlink:" + variable;
        if (RunState.alreadyDone(ctx, task)) return;
        if (SharedLinks.files(ctx).isEmpty() && SharedLinks.dirs(ctx).isEmpty()) return;
        DeployPaths p = new DeployPaths(ctx);
        for (dev.capstan.remote.Host h : Hosts.release(ctx)) {
            if (p.releaseToPublish(h) == null) throw new IllegalStateException("no release of this run to link " + variable + " into on " + h.label());
        }
        DeployChains.updatingFromRevision(ctx).run(ctx, task);
    }

    /** Capistrano's revisions.log line, or the user's {@code revision_log_message}. */
    static String message(TaskContext ctx, DeployPaths p, Host host) {
        Object custom = ctx.config().fetch("revision_log_message");
        if (custom != null) return String.valueOf(custom);
        String release = Path.of(p.releasePath(host)).getFileName().toString();
        String user = ctx.config().fetchString("local_user");
        if (DeployRun.of(ctx).rollingBack()) return user + " rolled back to release " + release;
        // an SCM whose source is not a branch says what it deployed, e.g. "Artifact shop-1.4.2.tgz (sha256 9f2c…)"
        String source = DeployRun.of(ctx).deployedSource();
        String sha = ctx.config().fetchString("current_revision");
        if (source == null) source = "Branch " + ctx.config().fetchString("branch") + " (at " + (sha == null ? "" : sha) + ")";
        return source + " deployed as release " + release + " by " + user;
    }

}
