package dev.capstan.deploy.commands;

import dev.capstan.remote.Shell;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scripts that link shared files and directories into a release and switch {@code current}.
 * Links are absolute by default (Capistrano's layout) or relative, for trees served from inside a chroot.
 */
public final class SymlinkCommands {
    private SymlinkCommands() {}

    /** One script for every linked file: parent dirs, then link unless already a link (a plain file is replaced). */
    public static String linkFiles(String release, String shared, List<String> files, boolean relative) {
        return link(release, shared, files, relative, "[ -f %1$s ] && rm %1$s");
    }

    /** One script for every linked directory (a real directory in the release is replaced). */
    public static String linkDirs(String release, String shared, List<String> dirs, boolean relative) {
        return link(release, shared, dirs, relative, "[ -d %1$s ] && rm -rf %1$s");
    }

    /**
     * The atomic switch: a uniquely named link renamed over {@code current} with {@code mv -T}. The unique name
     * means a link left by a killed run is never reused, so it can never make this deploy point at an old release.
     * Prints {@code previous TARGET} (what current pointed to). In the same command the host checks that the
     * release is there and complete, and refuses otherwise, so {@code current} can never dangle: in a deploy
     * ({@code ownToken} given) the release must still carry this run's unfinished marker (and REVISION when
     * {@code needRevision}); in a rollback it must carry no marker. A host already on the release (a retry whose
     * first answer was lost) is left as it is.
     */
    public static String publish(String deployTo, String currentPath, String release, boolean relative, String linkToken,
                                 String ownToken, boolean needRevision) {
        String target = relative ? relativeTarget(Path.of(currentPath).getParent(), release) : release;
        String marker = Shell.escape(release + "/" + ReleaseCommands.UNFINISHED_MARKER);
        String r = Shell.escape(release);
        StringBuilder s = new StringBuilder("cur=$(readlink ").append(Shell.escape(currentPath)).append(" 2>/dev/null); echo \"previous $cur\"\n")
                .append("if [ \"$cur\" = ").append(Shell.escape(target)).append(" ] && [ -d ").append(r).append(" ] && [ ! -e ").append(marker).append(" ]; then :\n")
                .append("elif [ ! -d ").append(r).append(" ]; then ").append(refuse(release + " does not exist")).append('\n');
        if (ownToken != null) {
            s.append("elif [ \"$(cat ").append(marker).append(" 2>/dev/null)\" != ").append(Shell.escape(ownToken)).append(" ]; then ")
             .append(refuse(release + " is not the release this run prepared (its " + ReleaseCommands.UNFINISHED_MARKER + " marker is gone or names another run)"))
             .append('\n');
            if (needRevision) {
                s.append("elif [ ! -f ").append(Shell.escape(release + "/REVISION")).append(" ]; then ")
                 .append(refuse(release + " is incomplete (no REVISION)")).append('\n');
            }
        } else {
            s.append("elif [ -e ").append(marker).append(" ]; then ")
             .append(refuse(release + " is unfinished (a failed or interrupted deploy)")).append('\n');
        }
        return s.append("else rm -f ").append(marker).append(" && ").append(switchTo(deployTo, currentPath, target, linkToken)).append("; fi").toString();
    }

    /**
     * Switches a host back to {@code previousTarget} after the fleet could not be published, and marks the release
     * it leaves unfinished again so it never counts as good; no previous target (a first deploy) removes current.
     */
    public static String revert(String deployTo, String currentPath, String previousTarget, String release, String ownToken, String linkToken) {
        String mark = ownToken == null ? "" : "printf '%s\\n' " + Shell.escape(ownToken) + " > "
                + Shell.escape(release + "/" + ReleaseCommands.UNFINISHED_MARKER) + " && ";
        if (previousTarget == null || previousTarget.isEmpty()) return mark + "rm -f " + Shell.escape(currentPath);
        return mark + switchTo(deployTo, currentPath, previousTarget, linkToken);
    }

    private static String switchTo(String deployTo, String currentPath, String target, String linkToken) {
        String tmp = deployTo + "/.capstan-current-" + linkToken;
        return "ln -s " + Shell.escape(target) + " " + Shell.escape(tmp) + " && mv -T " + Shell.escape(tmp) + " " + Shell.escape(currentPath)
                + " && rm -f " + Shell.escape(deployTo) + "/.capstan-current-*";
    }

    private static String refuse(String why) {
        return "echo " + Shell.escape("capstan: " + why + ": current not switched") + " >&2; exit 1";
    }

    /** Path of {@code target} as seen from directory {@code from} (both absolute, under deploy_to). */
    public static String relativeTarget(Path from, String target) {
        return from.relativize(Path.of(target)).toString();
    }

    private static String link(String release, String shared, List<String> paths, boolean relative, String removeFormat) {
        if (paths.isEmpty()) return "true";
        Set<String> parents = new LinkedHashSet<>();
        for (String p : paths) parents.add(Path.of(release, p).getParent().toString());
        StringBuilder s = new StringBuilder("set -e\nmkdir -p");
        for (String d : parents) s.append(' ').append(Shell.escape(d));
        for (String p : paths) {
            String link = Shell.escape(release + "/" + p);
            String source = shared + "/" + p;
            String target = relative ? relativeTarget(Path.of(release, p).getParent(), source) : source;
            s.append("\n[ -L ").append(link).append(" ] || { ").append(String.format(removeFormat, link))
             .append("; ln -s ").append(Shell.escape(target)).append(' ').append(link).append("; }");
        }
        return s.toString();
    }
}
