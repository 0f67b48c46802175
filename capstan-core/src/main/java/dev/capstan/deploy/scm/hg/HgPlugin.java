package dev.capstan.deploy.scm.hg;

import dev.capstan.deploy.DeployPaths;
import dev.capstan.deploy.DeployRun;
import dev.capstan.deploy.RepositoryCheck;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.config.Variable;
import dev.capstan.plugin.Plugin;
import dev.capstan.remote.Shell;
import dev.capstan.task.TaskRegistry;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code use 'scm/hg'}: Capistrano's Mercurial strategy, same hook points as git: a clone without a
 * working copy in {@code repo/}, {@code hg archive} into each release ({@code repo_tree} supported).
 */
public final class HgPlugin implements Plugin {
    @Override
    public List<Variable> variables() {
        return List.of(
            Variable.text("repo_url", null, "The Mercurial repository hosts clone from.").requiredByPlugin(),
            Variable.text("repo_tree", null, "Deploy only this subdirectory of the repository."));
    }

    @Override
    public String name() { return "scm/hg"; }

    @Override
    public void defineTasks(TaskRegistry t) {
        t.define("hg:check", "Check that the repo is reachable", ctx -> {
            if (RepositoryCheck.skipped(ctx, "hg:check")) return;
            ctx.on(ctx.releaseRoles("all"), r -> r.execute("hg", "id", ctx.config().require("repo_url")));
        });
        t.define("hg:clone", "Clone the repo to the cache", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            ctx.on(ctx.releaseRoles("all"), r -> {
                if (r.test("[ -d " + Shell.escape(p.repoPath() + "/.hg") + " ]")) r.info("The repository mirror is at " + p.repoPath());
                else r.execute("hg", "clone", "--noupdate", ctx.config().require("repo_url"), p.repoPath());
            });
        });
        t.define("hg:update", "Pull changes from the remote repo", List.of("hg:clone"), ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            ctx.on(ctx.releaseRoles("all"), r -> r.within(p.repoPath(), () -> r.execute("hg", "pull")));
        }, null);
        t.define("hg:create_release", "Copy repo to releases", List.of("hg:update"), ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            String branch = ctx.config().require("branch");
            String tree = ctx.config().fetchString("repo_tree");
            ctx.on(ctx.releaseRoles("all"), r -> r.within(p.repoPath(), () -> {
                String release = p.releasePath(r.host());
                r.execute(ReleaseCommands.createRelease(release, DeployRun.of(ctx).token()).render());
                if (tree == null || tree.isBlank()) {
                    r.execute("hg", "archive", release, "--rev", branch);
                    r.execute("rm", "-f", release + "/.hg_archival.txt");
                    return;
                }
                String clean = tree.replaceAll("^/+|/+$", "");
                String tar = ctx.config().fetch("tmp_dir", "/tmp") + "/" + HexFormat.of().formatHex(random()) + ".tar";
                r.execute("hg", "archive", "--type", "tar", "-p", ".", "-I", clean, "--rev", branch, tar);
                r.execute("tar", "-x", "--strip-components", String.valueOf(clean.split("/").length), "-f", tar, "-C", release);
                r.execute("rm", tar);
            }));
        }, null);
        t.define("hg:set_current_revision", "Determine the revision that will be deployed", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            String branch = ctx.config().require("branch");
            ctx.on(ctx.releaseRoles("all"), r -> r.within(p.repoPath(), () ->
                    ctx.config().set("current_revision", r.capture("hg", "log", "--rev", branch, "--template", "{node}\\n"))));
        });
    }

    @Override
    public void registerHooks(TaskRegistry t) {
        t.before("deploy:check", "hg:check", null);
        t.after("deploy:new_release_path", "hg:create_release", null);
        t.before("deploy:set_current_revision", "hg:set_current_revision", null);
    }

    private static byte[] random() {
        byte[] b = new byte[10];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
