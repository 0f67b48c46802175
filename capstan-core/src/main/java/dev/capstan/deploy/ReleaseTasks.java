package dev.capstan.deploy;

import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** The new release: its path, REVISION files, shared links, revisions.log (the switch of {@code current}: {@link PublishTask}). */
final class ReleaseTasks {
    private static final String GENERATED = "capstan_release_timestamp_generated";

    private ReleaseTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy:new_release_path", null, ctx -> {
            // one UTC timestamp for the whole deploy, the same on every host, later than every host's newest release;
            // one given with release_timestamp= is used as it is (and refused by the host if it exists)
            if (ctx.config().fetch("release_timestamp") == null || ctx.config().fetchBoolean(GENERATED, false)) {
                ctx.config().set("release_timestamp", ReleaseName.fresh(ZonedDateTime.now(ZoneOffset.UTC).toLocalDateTime(),
                        Folding.perHost(ctx, "newest_release").values()));
                ctx.config().set(GENERATED, true);
            }
            DeployPaths p = new DeployPaths(ctx.config());
            ctx.config().delete(DeployPaths.RELEASE_PATHS);
            ctx.config().set("release_path", p.releasesPath() + "/" + ctx.config().fetchString("release_timestamp"));
        });
        t.define("deploy:set_previous_revision", null, ctx -> {
            if (Folding.alreadyDone(ctx, "deploy:set_previous_revision")) {
                Folding.perHost(ctx, "previous_revision").values().stream().filter(v -> !v.isEmpty()).findFirst()
                        .ifPresent(v -> ctx.config().set("previous_revision", v));
                return;
            }
            DeployPaths p = new DeployPaths(ctx.config());
            ctx.on(Hosts.release(ctx), r -> {
                String prev = r.capture(ReleaseCommands.previousRevision(p.currentPath()));
                if (!prev.isEmpty()) ctx.config().set("previous_revision", prev);
            });
        });
        t.define("deploy:set_current_revision", "Place a REVISION file with the current revision SHA in the current release path", ctx -> {
            if (Folding.alreadyDone(ctx, "deploy:set_current_revision")) return;
            String revision = ctx.config().fetchString("current_revision");
            if (revision == null) return;
            String time = ctx.config().fetchString("current_revision_time");
            DeployPaths p = new DeployPaths(ctx.config());
            ctx.on(Hosts.release(ctx), r -> r.execute(ReleaseCommands.writeRevision(p.releasePath(r.host()), revision, time)));
        });
        t.define("deploy:symlink:shared", "Symlink files and directories from shared to release", ctx -> LockTasks.holding(ctx, () -> {
            ctx.invoke("deploy:symlink:linked_files");
            ctx.invoke("deploy:symlink:linked_dirs");
        }));
        t.define("deploy:symlink:linked_files", "Symlink linked files", ctx -> LockTasks.holding(ctx, () -> linkShared(ctx, "linked_files", true)));
        t.define("deploy:symlink:linked_dirs", "Symlink linked directories", ctx -> LockTasks.holding(ctx, () -> linkShared(ctx, "linked_dirs", false)));
        t.define("deploy:log_revision", "Log details of the deploy", ctx -> {
            if (Folding.alreadyDone(ctx, "deploy:log_revision")) return;
            DeployPaths p = new DeployPaths(ctx.config());
            // the lock is released by the same command when deploy:finished runs nothing in between
            String unlock = Folding.noAfterHooks(ctx, "deploy:log_revision") ? LockTasks.releaseCommandIfHeld(ctx) : null;
            ctx.on(Hosts.release(ctx), r -> r.execute(ReleaseCommands.appendRevisionLog(p.revisionLog(), message(ctx, p, r.host()))
                    + (unlock == null ? "" : " && " + unlock)));
            if (unlock != null) LockTasks.markReleased(ctx);
        });
    }

    private static void linkShared(TaskContext ctx, String variable, boolean files) {
        String task = files ? "deploy:symlink:linked_files" : "deploy:symlink:linked_dirs";
        if (Folding.alreadyDone(ctx, task)) return;
        List<String> paths = CheckTasks.linked(ctx.config().fetchList(variable), variable);
        // linked dirs go in the same script as linked files when nobody hooked between them
        boolean fold = files && Folding.untouched(ctx, "deploy:symlink:linked_dirs") && Folding.noAfterHooks(ctx, task);
        List<String> dirs = fold ? CheckTasks.linked(ctx.config().fetchList("linked_dirs"), "linked_dirs") : List.of();
        if (fold) Folding.markDone(ctx, "deploy:symlink:linked_dirs", task);
        if (paths.isEmpty() && dirs.isEmpty()) return;
        DeployPaths p = new DeployPaths(ctx.config());
        for (dev.capstan.remote.Host h : Hosts.release(ctx)) {
            if (p.releaseToPublish(h) == null) throw new IllegalStateException("no release of this run to link " + variable + " into on " + h.label());
        }
        ctx.on(Hosts.release(ctx), r -> r.execute(files ? SharedLinks.script(ctx, r.host(), paths, dirs)
                : SharedLinks.script(ctx, r.host(), List.of(), paths)));
    }

    /** Capistrano's revisions.log line, or the user's {@code revision_log_message}. */
    static String message(TaskContext ctx, DeployPaths p, Host host) {
        Object custom = ctx.config().fetch("revision_log_message");
        if (custom != null) return String.valueOf(custom);
        String release = Path.of(p.releasePath(host)).getFileName().toString();
        String user = ctx.config().fetchString("local_user");
        if (ctx.config().fetchBoolean("rolling_back", false)) return user + " rolled back to release " + release;
        // an SCM whose source is not a branch says what it deployed, e.g. "Artifact shop-1.4.2.tgz (sha256 9f2c…)"
        String source = ctx.config().fetchString("capstan_deployed_source");
        String sha = ctx.config().fetchString("current_revision");
        if (source == null) source = "Branch " + ctx.config().fetchString("branch") + " (at " + (sha == null ? "" : sha) + ")";
        return source + " deployed as release " + release + " by " + user;
    }

}
