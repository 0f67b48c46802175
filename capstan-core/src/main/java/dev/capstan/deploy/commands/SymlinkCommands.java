package dev.capstan.deploy.commands;

import dev.capstan.deploy.script.Line;
import dev.capstan.deploy.script.Script;
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
    public static Script linkFiles(String release, String shared, List<String> files, boolean relative) {
        return link(release, shared, files, relative, "[ -f %1$s ] && rm %1$s");
    }

    /** One script for every linked directory (a real directory in the release is replaced). */
    public static Script linkDirs(String release, String shared, List<String> dirs, boolean relative) {
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
    public static Script publish(String deployTo, String currentPath, String release, boolean relative, String linkToken,
                                 String ownToken, boolean needRevision) {
        String target = relative ? relativeTarget(Path.of(currentPath).getParent(), release) : release;
        String marker = release + "/" + ReleaseCommands.UNFINISHED_MARKER;
        Script s = Script.line("cur=$(readlink ").word(currentPath).text(" 2>/dev/null); echo \"previous $cur\"")
                .nl(Script.line("if [ \"$cur\" = ").word(target).text(" ] && [ -d ").word(release).text(" ] && [ ! -e ").word(marker).text(" ]; then :"))
                .nl(Script.line("elif [ ! -d ").word(release).text(" ]; then ").append(refuse(release + " does not exist")));
        if (ownToken != null) {
            s = s.nl(Script.line("elif [ \"$(cat ").word(marker).text(" 2>/dev/null)\" != ").word(ownToken).text(" ]; then ")
                    .append(refuse(release + " is not the release this run prepared (its " + ReleaseCommands.UNFINISHED_MARKER + " marker is gone or names another run)")));
            if (needRevision) {
                s = s.nl(Script.line("elif [ ! -f ").word(release + "/REVISION").text(" ]; then ").append(refuse(release + " is incomplete (no REVISION)")));
            }
        } else {
            s = s.nl(Script.line("elif [ -e ").word(marker).text(" ]; then ").append(refuse(release + " is unfinished (a failed or interrupted deploy)")));
        }
        return s.nl(Script.line("else rm -f ").word(marker).text(" && ").append(switchTo(deployTo, currentPath, target, linkToken)).text("; fi"));
    }

    /**
     * Switches a host back to {@code previousTarget} after the fleet could not be published, and marks the release
     * it leaves unfinished again so it never counts as good; no previous target (a first deploy) removes current.
     */
    public static Script revert(String deployTo, String currentPath, String previousTarget, String release, String ownToken, String linkToken) {
        Script back = previousTarget == null || previousTarget.isEmpty() ? Script.line("rm -f ").word(currentPath)
                : switchTo(deployTo, currentPath, previousTarget, linkToken);
        return ownToken == null ? back : ReleaseCommands.printTo(ownToken, release + "/" + ReleaseCommands.UNFINISHED_MARKER).and(back);
    }

    private static Line switchTo(String deployTo, String currentPath, String target, String linkToken) {
        String tmp = deployTo + "/.capstan-current-" + linkToken;
        return Script.line("ln -s ").word(target).text(" ").word(tmp).text(" && mv -T ").word(tmp).text(" ").word(currentPath)
                .text(" && rm -f ").word(deployTo).text("/.capstan-current-*");
    }

    private static Line refuse(String why) {
        return Script.line("echo ").word("capstan: " + why + ": current not switched").text(" >&2; exit 1");
    }

    /** Path of {@code target} as seen from directory {@code from} (both absolute, under deploy_to). */
    public static String relativeTarget(Path from, String target) {
        return from.relativize(Path.of(target)).toString();
    }

    private static Script link(String release, String shared, List<String> paths, boolean relative, String removeFormat) {
        if (paths.isEmpty()) return Script.line("true");
        Set<String> parents = new LinkedHashSet<>();
        for (String p : paths) parents.add(Path.of(release, p).getParent().toString());
        Script s = Script.line("set -e").nl(Script.line("mkdir -p ").words(parents));
        for (String p : paths) {
            String link = Shell.escape(release + "/" + p);
            String source = shared + "/" + p;
            String target = relative ? relativeTarget(Path.of(release, p).getParent(), source) : source;
            s = s.nl(Script.line("[ -L " + link + " ] || { " + String.format(removeFormat, link) + "; ln -s ").word(target).text(" " + link + "; }"));
        }
        return s;
    }
}
