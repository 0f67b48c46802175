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
     */
    public static String publish(String deployTo, String currentPath, String release, boolean relative, String token) {
        String tmp = deployTo + "/.capstan-current-" + token;
        String target = relative ? relativeTarget(Path.of(currentPath).getParent(), release) : release;
        return "rm -f " + Shell.escape(release + "/" + ReleaseCommands.UNFINISHED_MARKER)
                + " && ln -s " + Shell.escape(target) + " " + Shell.escape(tmp)
                + " && mv -T " + Shell.escape(tmp) + " " + Shell.escape(currentPath)
                + " && rm -f " + Shell.escape(deployTo) + "/.capstan-current-*";
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
