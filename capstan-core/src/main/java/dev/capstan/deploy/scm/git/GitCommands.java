package dev.capstan.deploy.scm.git;

import dev.capstan.remote.Shell;

/** git commands of the deploy, as Capistrano runs them, built as exact strings. */
public final class GitCommands {
    private GitCommands() {}

    public static String check(String repoUrl) {
        return "git ls-remote " + Shell.escape(repoUrl) + " HEAD";
    }

    /** Clones the bare mirror once; later deploys only update it. */
    public static String cloneMirror(String repoUrl, String repoPath, Integer shallowDepth) {
        String clone = shallowDepth == null
                ? "git clone --mirror " + Shell.escape(repoUrl) + " " + Shell.escape(repoPath)
                : "git clone --mirror --depth " + shallowDepth + " --no-single-branch " + Shell.escape(repoUrl) + " " + Shell.escape(repoPath);
        return "if [ -f " + Shell.escape(repoPath + "/HEAD") + " ]; then echo " + Shell.escape("The repository mirror is at " + repoPath)
                + "; else " + clone + "; fi";
    }

    /** Clone once, or bring the existing mirror up to date: one command either way. */
    public static String cloneOrUpdate(String repoUrl, String repoPath, Integer shallowDepth, String branch) {
        String clone = shallowDepth == null
                ? "git clone --mirror " + Shell.escape(repoUrl) + " " + Shell.escape(repoPath)
                : "git clone --mirror --depth " + shallowDepth + " --no-single-branch " + Shell.escape(repoUrl) + " " + Shell.escape(repoPath);
        return "if [ -f " + Shell.escape(repoPath + "/HEAD") + " ]; then " + update(repoUrl, repoPath, shallowDepth, branch)
                + "; else " + clone + "; fi";
    }

    public static String update(String repoUrl, String repoPath, Integer shallowDepth, String branch) {
        String fetch = shallowDepth == null ? "git remote update --prune"
                : "git fetch --depth " + shallowDepth + " origin " + Shell.escape(branch);
        return "cd " + Shell.escape(repoPath) + " && git remote set-url origin " + Shell.escape(repoUrl) + " && " + fetch;
    }

    /**
     * Exports the revision into the release. The revision is resolved first, so an unknown branch fails here
     * with git's message instead of an empty release; {@code repo_tree} exports one subdirectory.
     */
    public static String archive(String repoPath, String branch, String releasePath, String repoTree) {
        String tree = repoTree == null ? "" : repoTree.replaceAll("^/+|/+$", "");
        String rev = "rev=$(git rev-list --max-count=1 " + Shell.escape(branch) + ") && ";
        String archive = "git archive \"$rev\"" + (tree.isEmpty() ? "" : " " + Shell.escape(tree));
        String strip = tree.isEmpty() ? "" : " --strip-components " + tree.split("/").length;
        return "cd " + Shell.escape(repoPath) + " && " + rev + archive + " | /usr/bin/env tar -x" + strip + " -f - -C " + Shell.escape(releasePath);
    }

    /**
     * {@link #archive} that also writes REVISION and REVISION_TIME in the release and prints them, for when nobody
     * hooked between creating the release and recording its revision.
     */
    public static String archiveWithRevision(String repoPath, String branch, String releasePath, String repoTree) {
        return archive(repoPath, branch, releasePath, repoTree)
                + " && t=$(git --no-pager log -1 --pretty=format:%ct \"$rev\") && printf '%s\\n' \"$rev\" > " + Shell.escape(releasePath + "/REVISION")
                + " && printf '%s\\n' \"$t\" > " + Shell.escape(releasePath + "/REVISION_TIME") + " && printf '%s\\n%s\\n' \"$rev\" \"$t\"";
    }

    /** Two lines: the full SHA, then its commit time in Unix seconds (REVISION_TIME). */
    public static String revision(String repoPath, String branch) {
        return "cd " + Shell.escape(repoPath) + " && git rev-list --max-count=1 " + Shell.escape(branch)
                + " && git --no-pager log -1 --pretty=format:%ct " + Shell.escape(branch);
    }
}
