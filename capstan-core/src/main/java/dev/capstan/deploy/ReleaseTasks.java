package dev.capstan.deploy;

import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.commands.SymlinkCommands;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The new release: its path, REVISION files, shared links, the switch of {@code current}, revisions.log. */
final class ReleaseTasks {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private ReleaseTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy:new_release_path", null, ctx -> {
            // one UTC timestamp for the whole deploy, the same on every host
            if (ctx.config().fetch("release_timestamp") == null) {
                ctx.config().set("release_timestamp", ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP));
            }
            DeployPaths p = new DeployPaths(ctx.config());
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
        t.define("deploy:symlink:shared", "Symlink files and directories from shared to release", ctx -> {
            ctx.invoke("deploy:symlink:linked_files");
            ctx.invoke("deploy:symlink:linked_dirs");
        });
        t.define("deploy:symlink:linked_files", "Symlink linked files", ctx -> linkShared(ctx, "linked_files", true));
        t.define("deploy:symlink:linked_dirs", "Symlink linked directories", ctx -> linkShared(ctx, "linked_dirs", false));
        t.define("deploy:symlink:release", "Symlink release to current", ctx -> {
            DeployPaths p = new DeployPaths(ctx.config());
            boolean relative = p.relativeSymlinks();
            String token = HexFormat.of().formatHex(randomBytes());
            ctx.on(Hosts.release(ctx), r -> r.execute(SymlinkCommands.publish(p.deployTo(), p.currentPath(),
                    p.releasePath(r.host()), relative, token)));
        });
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
        String sha = ctx.config().fetchString("current_revision");
        return "Branch " + ctx.config().fetchString("branch") + " (at " + (sha == null ? "" : sha) + ") deployed as release "
                + release + " by " + user;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
