package dev.capstan.deploy.scm.git;

import dev.capstan.deploy.script.Line;
import dev.capstan.deploy.script.Script;

/** git commands of the deploy, as Capistrano runs them, built as exact strings. */
public final class GitCommands {
    private GitCommands() {}

    public static Line check(String repoUrl) {
        return Script.line("git ls-remote ").word(repoUrl).text(" HEAD");
    }

    /** Clones the bare mirror once; later deploys only update it. */
    public static Line cloneMirror(String repoUrl, String repoPath, Integer shallowDepth) {
        return Script.line("if [ -f ").word(repoPath + "/HEAD").text(" ]; then echo ").word("The repository mirror is at " + repoPath)
                .text("; else ").append(clone(repoUrl, repoPath, shallowDepth)).text("; fi");
    }

    /** Clone once, or bring the existing mirror up to date: one command either way. */
    public static Line cloneOrUpdate(String repoUrl, String repoPath, Integer shallowDepth, String branch) {
        return Script.line("if [ -f ").word(repoPath + "/HEAD").text(" ]; then ").append(update(repoUrl, repoPath, shallowDepth, branch))
                .text("; else ").append(clone(repoUrl, repoPath, shallowDepth)).text("; fi");
    }

    private static Line clone(String repoUrl, String repoPath, Integer shallowDepth) {
        Line git = shallowDepth == null ? Script.line("git clone --mirror ")
                : Script.line("git clone --mirror --depth " + shallowDepth + " --no-single-branch ");
        return git.word(repoUrl).text(" ").word(repoPath);
    }

    public static Line update(String repoUrl, String repoPath, Integer shallowDepth, String branch) {
        Line fetch = shallowDepth == null ? Script.line("git remote update --prune")
                : Script.line("git fetch --depth " + shallowDepth + " origin ").word(branch);
        return Script.line("cd ").word(repoPath).text(" && git remote set-url origin ").word(repoUrl).text(" && ").append(fetch);
    }

    /**
     * Exports the revision into the release. The revision is resolved first, so an unknown branch fails here
     * with git's message instead of an empty release; {@code repo_tree} exports one subdirectory.
     */
    public static Script archive(String repoPath, String branch, String releasePath, String repoTree) {
        String tree = repoTree == null ? "" : repoTree.replaceAll("^/+|/+$", "");
        Line archive = Script.line("git archive \"$rev\"");
        if (!tree.isEmpty()) archive = archive.text(" ").word(tree);
        String strip = tree.isEmpty() ? "" : " --strip-components " + tree.split("/").length;
        return Script.line("cd ").word(repoPath).and(Script.line("rev=$(git rev-list --max-count=1 ").word(branch).text(")"))
                .and(archive.text(" | /usr/bin/env tar -x" + strip + " -f - -C ").word(releasePath));
    }

    /** Two lines: the full SHA, then its commit time in Unix seconds (REVISION_TIME). */
    public static Script revision(String repoPath, String branch) {
        return Script.line("cd ").word(repoPath).and(Script.line("git rev-list --max-count=1 ").word(branch))
                .and(Script.line("git --no-pager log -1 --pretty=format:%ct ").word(branch));
    }

    /** Reads the revision into {@code $rev} and its commit time into {@code $t}, and prints both (for REVISION's step in the same command). */
    public static Script readRevision(String repoPath, String branch) {
        return Script.line("cd ").word(repoPath).and(Script.line("rev=$(git rev-list --max-count=1 ").word(branch).text(")")).and(printRevision());
    }

    /** With {@code $rev} set: its commit time into {@code $t}, and both printed. */
    public static Script printRevision() {
        return Script.line("t=$(git --no-pager log -1 --pretty=format:%ct \"$rev\")").and(Script.line("printf '%s\\n%s\\n' \"$rev\" \"$t\""));
    }
}
