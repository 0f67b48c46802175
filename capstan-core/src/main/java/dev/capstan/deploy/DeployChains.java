package dev.capstan.deploy;

import dev.capstan.deploy.Chain.Link;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.task.TaskContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The chains of the deploy flow: which tasks may share one command per host when nobody hooked in between.
 * By default: the checks; the lock with the previous revision; the whole of updating (the SCM's steps, REVISION,
 * linked files and dirs); cleanup with revisions.log and the unlock (rollback: cleanup_rollback with them).
 */
public final class DeployChains {
    private DeployChains() {}

    /**
     * Updating: the SCM's steps (from the mirror to the release, in running order; the last one is hooked after
     * deploy:new_release_path), then its revision step, then deploy's REVISION and shared links. A step that reads
     * the revision in the same command as REVISION is written leaves it in {@code $rev} and {@code $t}.
     */
    public static Chain updating(TaskContext ctx, List<Link> scmRelease, Link scmRevision) {
        List<Link> links = releaseLinks(scmRelease);
        links.add(scmRevision);
        links.add(Link.step(revisionStep(ctx), scmRevision.task()));
        links.addAll(sharedLinks(ctx));
        return new Chain("updating", "deploy", links);
    }

    /**
     * Updating for a strategy that knows the revision on this machine and sets {@code current_revision} before its
     * steps run (artifact, copy): its release steps, then deploy's REVISION and shared links, no revision step.
     */
    public static Chain updating(TaskContext ctx, List<Link> scmRelease) {
        List<Link> links = releaseLinks(scmRelease);
        links.add(Link.step(revisionStep(ctx)));
        links.addAll(sharedLinks(ctx));
        return new Chain("updating", "deploy", links);
    }

    /** The SCM's release steps, then the flow tasks around them up to deploy:updating. */
    private static List<Link> releaseLinks(List<Link> scmRelease) {
        List<Link> links = new ArrayList<>(scmRelease);
        String createRelease = scmRelease.get(scmRelease.size() - 1).task();
        links.add(Link.joint("deploy:new_release_path", List.of(), List.of(createRelease)));
        links.add(Link.enclosing("deploy:updating", "deploy:new_release_path"));
        return links;
    }

    /** Updating from deploy's own REVISION step on (what an SCM without steps of its own gets). */
    static Chain updatingFromRevision(TaskContext ctx) {
        List<Link> links = new ArrayList<>(List.of(Link.step(revisionStep(ctx))));
        links.addAll(sharedLinks(ctx));
        return new Chain("updating", "deploy", links);
    }

    /** The lock's command also reads the previous revision. */
    static Chain lock() {
        return new Chain("lock", null, List.of(Link.task("deploy:lock"), Link.enclosing("deploy:starting", "deploy:lock"),
                Link.task("deploy:set_previous_revision")));
    }

    /** Cleanup's command also writes revisions.log and releases the lock. */
    static Chain finishing(boolean rollback) {
        return new Chain("finishing", rollback ? "deploy:rollback" : "deploy", List.of(Link.task(rollback ? "deploy:cleanup_rollback" : "deploy:cleanup"),
                Link.task(rollback ? "deploy:finishing_rollback" : "deploy:finishing"), Link.enclosing("deploy:finished"),
                Link.task("deploy:log_revision"), Link.task("deploy:unlock_own")));
    }

    /** REVISION and REVISION_TIME: from the shell variables when the SCM's revision step shares the command, else from the configuration. */
    private static Step revisionStep(TaskContext ctx) {
        return Step.of("deploy:set_current_revision", (host, same) -> {
            String release = new DeployPaths(ctx).releasePath(host);
            int i = same.indexOf("deploy:set_current_revision");
            if (i > 0 && same.get(i - 1).endsWith(":set_current_revision")) {
                return Script.line("printf '%s\\n' \"$rev\" > ").word(release + "/REVISION")
                        .and(Script.line("printf '%s\\n' \"$t\" > ").word(release + "/REVISION_TIME"));
            }
            String revision = ctx.config().fetchString("current_revision");
            return revision == null ? null : ReleaseCommands.writeRevision(release, revision, ctx.config().fetchString("current_revision_time"));
        }).described("REVISION");
    }

    /** deploy:symlink:shared's two steps; linked dirs go in the same script as linked files when both share the command. */
    private static List<Link> sharedLinks(TaskContext ctx) {
        Step files = Step.of("deploy:symlink:linked_files", (host, same) -> {
            boolean dirsToo = same.contains("deploy:symlink:linked_dirs");
            Script s = SharedLinks.script(ctx, host, SharedLinks.files(ctx), dirsToo ? SharedLinks.dirs(ctx) : List.of());
            return s == null || same.get(0).equals("deploy:symlink:linked_files") ? s : s.block();
        });
        Step dirs = Step.of("deploy:symlink:linked_dirs", (host, same) -> {
            if (same.contains("deploy:symlink:linked_files")) return null;
            Script s = SharedLinks.script(ctx, host, List.of(), SharedLinks.dirs(ctx));
            return s == null || same.get(0).equals("deploy:symlink:linked_dirs") ? s : s.block();
        });
        int f = SharedLinks.files(ctx).size();
        int d = SharedLinks.dirs(ctx).size();
        return List.of(Link.enclosing("deploy:symlink:shared"), Link.step(files.described(f == 0 ? null : f + " shared file links")),
                Link.step(dirs.described(d == 0 ? null : d + " shared dir links")));
    }
}
