package dev.capstan.deploy;

import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.List;

/** The hosts the deploy recipes work on: {@code release_roles(:all)}, every server but {@code no_release} ones. */
final class Hosts {
    private Hosts() {}

    static List<Host> release(TaskContext ctx) {
        return ctx.releaseRoles("all");
    }
}
