package dev.capstan.deploy.scm.svn;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.DeployPaths;
import dev.capstan.deploy.DeployRun;
import dev.capstan.deploy.RepositoryCheck;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.config.Variable;
import dev.capstan.plugin.Plugin;
import dev.capstan.remote.Arg;
import dev.capstan.remote.Shell;
import dev.capstan.task.TaskRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code use 'scm/svn'}: Capistrano's Subversion strategy, same hook points as git. A checkout in
 * {@code repo/} is switched and updated, then exported into each release. {@code svn_username},
 * {@code svn_password} (masked) and {@code svn_revision} are passed to every svn command.
 */
public final class SvnPlugin implements Plugin {
    @Override
    public List<Variable> variables() {
        return List.of(
            Variable.text("repo_url", null, "The Subversion URL hosts check out.").requiredByPlugin(),
            Variable.text("svn_username", null, "User name given to svn."),
            Variable.text("svn_password", null, "Password given to svn (masked in all output)."),
            Variable.text("svn_revision", null, "Revision to deploy (default: the latest)."));
    }

    @Override
    public String name() { return "scm/svn"; }

    @Override
    public void setDefaults(Configuration c) {
        c.secret("svn_password");
    }

    @Override
    public void defineTasks(TaskRegistry t) {
        t.define("svn:check", "Check that the repository is reachable", ctx -> {
            if (RepositoryCheck.skipped(ctx, "svn:check")) return;
            ctx.on(ctx.releaseRoles("all"), r -> r.execute(svn(ctx.config(), "info", ctx.config().require("repo_url"))));
        });
        t.define("svn:clone", "Check out the repo to the cache", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            ctx.on(ctx.releaseRoles("all"), r -> {
                if (!r.test("[ -d " + Shell.escape(p.repoPath() + "/.svn") + " ]")) {
                    r.execute(svn(ctx.config(), "checkout", ctx.config().require("repo_url"), p.repoPath()));
                }
            });
        });
        t.define("svn:update", "Pull changes from the remote repo", List.of("svn:clone"), ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            String url = ctx.config().require("repo_url");
            ctx.on(ctx.releaseRoles("all"), r -> r.within(p.repoPath(), () -> {
                String info = r.capture(svn(ctx.config(), "info", "."));
                String current = info.lines().filter(l -> l.startsWith("URL: ")).map(l -> l.substring(5).strip()).findFirst().orElse("");
                if (!current.equals(url)) r.execute(svn(ctx.config(), "switch", url));
                r.execute(svn(ctx.config(), "update"));
            }));
        }, null);
        t.define("svn:create_release", "Copy repo to releases", List.of("svn:update"), ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            ctx.on(ctx.releaseRoles("all"), r -> {
                String release = p.releasePath(r.host());
                r.execute(ReleaseCommands.createRelease(release, DeployRun.of(ctx).token()).render());
                r.within(p.repoPath(), () -> r.execute(svn(ctx.config(), "export", "--force", ".", release)));
            });
        }, null);
        t.define("svn:set_current_revision", "Determine the revision that will be deployed", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            ctx.on(ctx.releaseRoles("all"), r -> ctx.config().set("current_revision", r.capture("svnversion", p.repoPath())));
        });
    }

    @Override
    public void registerHooks(TaskRegistry t) {
        t.before("deploy:check", "svn:check", null);
        t.after("deploy:new_release_path", "svn:create_release", null);
        t.before("deploy:set_current_revision", "svn:set_current_revision", null);
    }

    /** svn with the configured credentials and revision; the password is sent but shown as [REDACTED]. */
    static Object[] svn(Configuration c, Object... args) {
        List<Object> out = new ArrayList<>(List.of("svn"));
        out.addAll(List.of(args));
        if (c.fetch("svn_username") != null) out.addAll(List.of("--username", c.fetchString("svn_username")));
        if (c.fetch("svn_password") != null) out.addAll(List.of("--password", Arg.redact(c.fetchString("svn_password"))));
        if (c.fetch("svn_revision") != null) out.addAll(List.of("--revision", c.fetchString("svn_revision")));
        out.add("--non-interactive");
        return out.toArray();
    }
}
