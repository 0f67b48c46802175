package dev.capstan.deploy;

import dev.capstan.deploy.commands.SymlinkCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.List;

/** The links from a release to {@code shared/} ({@code linked_files}, {@code linked_dirs}) as one script per host. */
final class SharedLinks {
    private SharedLinks() {}

    static List<String> files(TaskContext ctx) {
        return CheckTasks.linked(ctx.config().fetchList("linked_files"), "linked_files");
    }

    static List<String> dirs(TaskContext ctx) {
        return CheckTasks.linked(ctx.config().fetchList("linked_dirs"), "linked_dirs");
    }

    /** The script linking {@code files} then {@code dirs} into the host's release, or null when there is nothing to link. */
    static Script script(TaskContext ctx, Host host, List<String> files, List<String> dirs) {
        if (files.isEmpty() && dirs.isEmpty()) return null;
        DeployPaths p = new DeployPaths(ctx);
        String release = p.releasePath(host);
        boolean relative = p.relativeSymlinks();
        Script f = files.isEmpty() ? null : SymlinkCommands.linkFiles(release, p.sharedPath(), files, relative);
        Script d = dirs.isEmpty() ? null : SymlinkCommands.linkDirs(release, p.sharedPath(), dirs, relative);
        return f == null ? d : d == null ? f : f.nl(d);
    }
}
