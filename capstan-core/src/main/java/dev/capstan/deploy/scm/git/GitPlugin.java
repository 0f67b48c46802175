package dev.capstan.deploy.scm.git;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.DeployPaths;
import dev.capstan.deploy.RunToken;
import dev.capstan.deploy.Folding;
import dev.capstan.deploy.RepositoryCheck;
import dev.capstan.deploy.SharedLinks;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.config.Variable;
import dev.capstan.plugin.Plugin;
import dev.capstan.remote.HostBlock;
import dev.capstan.remote.Remote;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.util.List;
import java.util.Map;

/**
 * {@code use 'scm/git'}: a bare mirror in {@code repo/}, {@code git archive} into each release. Hosts fetch
 * with the deployer's forwarded agent; no wrapper weakens host-key checking (Capistrano's sets
 * StrictHostKeyChecking=no). Prompts are disabled so a missing credential fails instead of hanging.
 */
public final class GitPlugin implements Plugin {
    @Override
    public List<Variable> variables() {
        return List.of(
            Variable.text("repo_url", null, "The repository hosts clone from (git URL or path).").requiredByPlugin(),
            Variable.text("repo_tree", null, "Deploy only this subdirectory of the repository."),
            Variable.any("git_shallow_clone", false, "Clone with --depth: false, true (1) or a depth."),
            Variable.integer("git_max_concurrent_connections", 10, 1, "Hosts that reach the repository at once."),
            Variable.integer("git_wait_interval", 0, 0, "Seconds between those groups of hosts."),
            Variable.map("git_environmental_variables", "Environment of every git command (prompts are off)."));
    }

    @Override
    public String name() { return "scm/git"; }

    @Override
    public void setDefaults(Configuration c) {
        c.setIfEmpty("git_shallow_clone", false);
        c.setIfEmpty("git_max_concurrent_connections", 10);
        c.setIfEmpty("git_wait_interval", 0);
        // ordered, so every run sends the same command text
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("git_terminal_prompt", "0");
        env.put("git_askpass", "/bin/echo");
        c.setIfEmpty("git_environmental_variables", env);
    }

    @Override
    public void defineTasks(TaskRegistry t) {
        t.define("git:check", "Check that the repository is reachable", ctx -> {
            if (RepositoryCheck.skipped(ctx, "git:check")) return;
            ctx.config().fetch("branch"); // an `ask` for the branch is answered now, before anything runs, as in Capistrano
            if (checkedByTheFetch(ctx)) {
                ctx.info("git:check: checked by git:clone's fetch, which fails before any release is created (one connection to the repository less)");
                return;
            }
            onRepoHosts(ctx, r -> r.execute(GitCommands.check(ctx.config().require("repo_url")).render()));
        });
        t.define("git:clone", "Clone the repo to the cache", ctx -> {
            DeployPaths p = new DeployPaths(ctx.config());
            Configuration c = ctx.config();
            if (!(Folding.untouched(ctx, "git:update", List.of("git:clone")) && Folding.noAfterHooks(ctx, "git:clone"))) {
                onRepoHosts(ctx, r -> r.execute(GitCommands.cloneMirror(c.require("repo_url"), p.repoPath(), depth(c)).render()));
                return;
            }
            Folding.markDone(ctx, "git:update", "git:clone");
            Script update = GitCommands.cloneOrUpdate(c.require("repo_url"), p.repoPath(), depth(c), c.require("branch"));
            if (!updatingIsOneScript(ctx)) {
                onRepoHosts(ctx, r -> r.execute(update.render()));
                return;
            }
            // the whole of updating in one command per host: mirror, release, REVISION, shared links; each host
            // goes through it at its own pace (no barrier between the steps)
            Folding.markDone(ctx, "git:create_release", "git:clone");
            boolean links = SharedLinks.untouched(ctx);
            if (links) SharedLinks.markDone(ctx, "git:clone");
            onRepoHosts(ctx, r -> {
                String release = p.releasePath(r.host());
                Script linkScript = links ? SharedLinks.script(ctx, r.host()) : null;
                Script script = update.braces().redirect(">&2").and(ReleaseCommands.createRelease(release, RunToken.of(ctx)))
                        .and(GitCommands.archiveWithRevision(p.repoPath(), c.require("branch"), release, c.fetchString("repo_tree")));
                if (linkScript != null) script = script.and(linkScript.block());
                recordRevision(ctx, r.capture(Map.of("verbosity", "INFO"), script.render()));
            });
            markRevisionDone(ctx, "git:clone");
        });
        t.define("git:update", "Update the repo mirror to reflect the origin state", List.of("git:clone"), ctx -> {
            if (Folding.alreadyDone(ctx, "git:update")) return;
            DeployPaths p = new DeployPaths(ctx.config());
            onRepoHosts(ctx, r -> r.execute(GitCommands.update(ctx.config().require("repo_url"), p.repoPath(),
                    depth(ctx.config()), ctx.config().require("branch")).render()));
        }, null);
        t.define("git:create_release", "Copy repo to releases", List.of("git:update"), ctx -> {
            if (Folding.alreadyDone(ctx, "git:create_release")) return;
            DeployPaths p = new DeployPaths(ctx.config());
            String branch = ctx.config().require("branch");
            String tree = ctx.config().fetchString("repo_tree");
            boolean fold = revisionFolds(ctx);
            onRepoHosts(ctx, r -> {
                String release = p.releasePath(r.host());
                if (!fold) {
                    r.execute(ReleaseCommands.createRelease(release, RunToken.of(ctx)).and(GitCommands.archive(p.repoPath(), branch, release, tree)).render());
                    return;
                }
                recordRevision(ctx, r.capture(Map.of("verbosity", "INFO"), ReleaseCommands.createRelease(release, RunToken.of(ctx))
                        .and(GitCommands.archiveWithRevision(p.repoPath(), branch, release, tree)).render()));
            });
            if (fold) markRevisionDone(ctx, "git:create_release");
        }, null);
        t.define("git:set_current_revision", "Determine the revision that will be deployed", ctx -> {
            if (Folding.alreadyDone(ctx, "git:set_current_revision")) return;
            DeployPaths p = new DeployPaths(ctx.config());
            onRepoHosts(ctx, r -> {
                List<String> lines = r.capture(GitCommands.revision(p.repoPath(), ctx.config().require("branch")).render()).lines().toList();
                if (!lines.isEmpty()) ctx.config().set("current_revision", lines.get(0).strip());
                if (lines.size() > 1) ctx.config().set("current_revision_time", lines.get(1).strip());
            });
        });
    }

    @Override
    public void registerHooks(TaskRegistry t) {
        t.before("deploy:check", "git:check", null);
        t.after("deploy:new_release_path", "git:create_release", null);
        t.before("deploy:set_current_revision", "git:set_current_revision", null);
    }

    /**
     * In a deploy the mirror's clone or fetch reaches the repository anyway, before any release directory is
     * made, and fails with git's own message; a separate ls-remote would only cost each host one more
     * connection to the repository. Only when nobody hooked onto git:check and git:create_release still
     * follows deploy:new_release_path with its own prerequisites.
     */
    private static boolean checkedByTheFetch(TaskContext ctx) {
        dev.capstan.task.Task newRelease = ctx.runner().registry().find("deploy:new_release_path").orElse(null);
        return ctx.config().fetchBoolean("deploying", false) && Folding.untouched(ctx, "git:check")
                && newRelease != null && newRelease.afterHooks().contains("git:create_release")
                && Folding.untouched(ctx, "git:create_release", List.of("git:update"))
                && Folding.untouched(ctx, "git:update", List.of("git:clone"));
    }

    /** REVISION can be written by the release's command when nobody hooked on the steps in between. */
    private static boolean revisionFolds(TaskContext ctx) {
        return Folding.noAfterHooks(ctx, "git:create_release")
                && Folding.untouched(ctx, "deploy:updating", List.of("deploy:new_release_path"))
                && Folding.untouched(ctx, "git:set_current_revision")
                && Folding.untouched(ctx, "deploy:set_current_revision", List.of("git:set_current_revision"));
    }

    /**
     * True when, in a deploy, nothing is hooked between updating the mirror and the end of creating the
     * release: git:create_release runs right after deploy:new_release_path, as its only hook, and has only
     * its own prerequisite.
     */
    private static boolean updatingIsOneScript(TaskContext ctx) {
        Configuration c = ctx.config();
        if (!c.fetchBoolean("deploying", false) || c.fetch("release_path") == null) return false;
        dev.capstan.task.Task newRelease = ctx.runner().registry().find("deploy:new_release_path").orElse(null);
        return newRelease != null && newRelease.afterHooks().equals(List.of("git:create_release")) && newRelease.prerequisites().isEmpty()
                && Folding.untouched(ctx, "git:create_release", List.of("git:update")) && revisionFolds(ctx);
    }

    private static void recordRevision(TaskContext ctx, String output) {
        List<String> lines = output.lines().toList();
        if (!lines.isEmpty()) ctx.config().set("current_revision", lines.get(0).strip());
        if (lines.size() > 1) ctx.config().set("current_revision_time", lines.get(1).strip());
    }

    private static void markRevisionDone(TaskContext ctx, String by) {
        Folding.markDone(ctx, "git:set_current_revision", by);
        Folding.markDone(ctx, "deploy:set_current_revision", by);
    }

    /** git runs on release hosts in groups of {@code git_max_concurrent_connections}, with the git environment. */
    @SuppressWarnings("unchecked")
    private static void onRepoHosts(TaskContext ctx, HostBlock body) {
        Configuration c = ctx.config();
        Map<String, ?> env = (Map<String, ?>) c.fetch("git_environmental_variables", Map.of());
        ctx.on(ctx.releaseRoles("all"), Map.of("in", "groups", "limit", c.fetchInt("git_max_concurrent_connections", 10),
                "wait", c.fetchInt("git_wait_interval", 0)), r -> withEnv(r, env, body));
    }

    private static void withEnv(Remote r, Map<String, ?> env, HostBlock body) throws Exception {
        r.with(env, () -> body.run(r));
    }

    private static Integer depth(Configuration c) {
        Object v = c.fetch("git_shallow_clone");
        if (v == null || Boolean.FALSE.equals(v)) return null;
        if (Boolean.TRUE.equals(v)) return 1;
        int d = c.fetchInt("git_shallow_clone", 1);
        return d > 0 ? d : null;
    }
}
