package dev.capstan.deploy.scm.none;

import dev.capstan.deploy.DeployPaths;
import dev.capstan.deploy.DeployRun;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.config.Variable;
import dev.capstan.plugin.Plugin;
import dev.capstan.task.TaskRegistry;

import java.util.List;

/** {@code use 'scm/none'}: releases are created empty; the user's own tasks fill them (or only run tasks). */
public final class NoScmPlugin implements Plugin {
    /** Nothing to configure: releases start empty. */
    @Override
    public List<Variable> variables() { return List.of(); }

    @Override
    public String name() { return "scm/none"; }

    @Override
    public void defineTasks(TaskRegistry t) {
        t.define("none:create_release", "Create an empty release directory", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            ctx.on(ctx.releaseRoles("all"), r -> r.execute(ReleaseCommands.createRelease(p.releasePath(r.host()), DeployRun.of(ctx).token()).render()));
        });
    }

    @Override
    public void registerHooks(TaskRegistry t) {
        t.after("deploy:new_release_path", "none:create_release", null);
    }
}
