package dev.capstan.deploy.scm.git;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.Chain;
import dev.capstan.deploy.Chain.Link;
import dev.capstan.deploy.DeployChains;
import dev.capstan.deploy.DeployPaths;
import dev.capstan.deploy.RepositoryCheck;
import dev.capstan.deploy.DeployRun;
import dev.capstan.deploy.Step;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.config.Variable;
import dev.capstan.plugin.Plugin;
import dev.capstan.remote.Host;
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
        t.define("git:clone", "Clone the repo to the cache", ctx -> updating(ctx).run(ctx, "git:clone"));
        t.define("git:update", "Update the repo mirror to reflect the origin state", List.of("git:clone"),
                ctx -> updating(ctx).run(ctx, "git:update"), null);
        t.define("git:create_release", "Copy repo to releases", List.of("git:update"), ctx -> updating(ctx).run(ctx, "git:create_release"), null);
        t.define("git:set_current_revision", "Determine the revision that will be deployed", ctx -> updating(ctx).run(ctx, "git:set_current_revision"));
    }

    @Override
    public void registerHooks(TaskRegistry t) {
        t.before("deploy:check", "git:check", null);
        t.after("deploy:new_release_path", "git:create_release", null);
        t.before("deploy:set_current_revision", "git:set_current_revision", null);
    }

    /**
     * git's steps of updating. Nobody hooked in between: the whole of updating is one command per host (mirror
     * clone or fetch, release, REVISION, shared links), each host at its own pace.
     */
    private static Chain updating(TaskContext ctx) {
        Configuration c = ctx.config();
        DeployPaths p = new DeployPaths(ctx);
        Step clone = new Step("git:clone", (host, same) -> {
            if (!same.contains("git:update")) return GitCommands.cloneMirror(c.require("repo_url"), p.repoPath(), depth(c));
            Script mirror = GitCommands.cloneOrUpdate(c.require("repo_url"), p.repoPath(), depth(c), c.require("branch"));
            // its output goes to stderr when a later step's output is read back
            return same.size() > 2 ? mirror.braces().redirect(">&2") : mirror;
        }, null, GitPlugin::onRepoHosts, "mirror");
        Step update = new Step("git:update", (host, same) -> {
            if (same.contains("git:clone")) return null;
            Script fetch = GitCommands.update(c.require("repo_url"), p.repoPath(), depth(c), c.require("branch"));
            return same.size() > 1 ? fetch.braces().redirect(">&2") : fetch;
        }, null, GitPlugin::onRepoHosts);
        Step release = new Step("git:create_release", (host, same) -> {
            String path = p.releasePath(host);
            return ReleaseCommands.createRelease(path, DeployRun.of(ctx).token()).and(GitCommands.archive(p.repoPath(), c.require("branch"), path, c.fetchString("repo_tree")));
        }, null, GitPlugin::onRepoHosts, "release " + c.fetchString("release_timestamp"));
        Step revision = new Step("git:set_current_revision", (host, same) -> {
            // after the release's archive, $rev is the revision exported; REVISION's step reads $rev and $t
            if (same.contains("git:create_release")) return GitCommands.printRevision();
            return same.contains("deploy:set_current_revision") ? GitCommands.readRevision(p.repoPath(), c.require("branch"))
                    : GitCommands.revision(p.repoPath(), c.require("branch"));
        }, new RevisionReadBack(c), GitPlugin::onRepoHosts, "revision");
        return DeployChains.updating(ctx, List.of(Link.step(clone), Link.step(update, "git:clone"), Link.step(release, "git:update")),
                Link.step(revision));
    }

    /**
     * In a deploy the mirror's clone or fetch reaches the repository anyway, before any release directory is
     * made, and fails with git's own message; a separate ls-remote would only cost each host one more
     * connection to the repository. Only when nobody hooked onto git:check and the fetch runs in git:clone's command.
     */
    private static boolean checkedByTheFetch(TaskContext ctx) {
        return ctx.runner().registry().isPlain("git:check", List.of(), List.of()) && updating(ctx).folds(ctx, "git:clone", "git:update");
    }

    /** The SHA and its commit time, the two lines every form of the revision step prints. */
    private record RevisionReadBack(Configuration c) implements Step.ReadBack {
        @Override
        public void read(Host host, String stdout) {
            List<String> lines = stdout.lines().toList();
            if (!lines.isEmpty()) c.set("current_revision", lines.get(0).strip());
            if (lines.size() > 1) c.set("current_revision_time", lines.get(1).strip());
        }
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
