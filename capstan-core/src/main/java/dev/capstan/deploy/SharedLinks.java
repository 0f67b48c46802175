package dev.capstan.deploy;

import dev.capstan.deploy.commands.SymlinkCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.List;

/**
 * The links from a release to {@code shared/} ({@code linked_files}, {@code linked_dirs}) as one script per
 * host, so deploy:symlink:shared and an SCM's release step can share it.
 */
public final class SharedLinks {
    private static final String FILES = "deploy:symlink:linked_files";
    private static final String DIRS = "deploy:symlink:linked_dirs";

    private SharedLinks() {}

    /** True when nobody hooked onto or extended deploy:symlink:shared and its two steps. */
    public static boolean untouched(TaskContext ctx) {
        return Folding.untouched(ctx, "deploy:symlink:shared", FILES, DIRS);
    }

    /** Records that {@code by} made the links, so both steps say so instead of linking again. */
    public static void markDone(TaskContext ctx, String by) {
        Folding.markDone(ctx, FILES, by);
        Folding.markDone(ctx, DIRS, by);
    }

    /** The script linking {@code files} then {@code dirs} into the host's release, or null when there is nothing to link. */
    static Script script(TaskContext ctx, Host host, List<String> files, List<String> dirs) {
        if (files.isEmpty() && dirs.isEmpty()) return null;
        DeployPaths p = new DeployPaths(ctx.config());
        String release = p.releasePath(host);
        boolean relative = p.relativeSymlinks();
        Script f = files.isEmpty() ? null : SymlinkCommands.linkFiles(release, p.sharedPath(), files, relative);
        Script d = dirs.isEmpty() ? null : SymlinkCommands.linkDirs(release, p.sharedPath(), dirs, relative);
        return f == null ? d : d == null ? f : f.nl(d);
    }

    /** Every linked file and directory of the configuration, for one host; null when there are none. */
    public static Script script(TaskContext ctx, Host host) {
        return script(ctx, host, CheckTasks.linked(ctx.config().fetchList("linked_files"), "linked_files"),
                CheckTasks.linked(ctx.config().fetchList("linked_dirs"), "linked_dirs"));
    }
}
