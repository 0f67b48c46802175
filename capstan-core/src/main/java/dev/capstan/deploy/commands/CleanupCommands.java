package dev.capstan.deploy.commands;

import dev.capstan.remote.Shell;

import java.util.ArrayList;
import java.util.List;

/** Scripts that list and remove releases. Pure: tested as exact strings. */
public final class CleanupCommands {
    /** Paths per {@code rm -rf} line, as Capistrano batches them, so thousands of releases stay within argument limits. */
    static final int BATCH = 100;

    private CleanupCommands() {}

    /**
     * One line per entry of the releases directory ({@code release NAME} or {@code unfinished NAME}), then
     * {@code current TARGET}: each host judges from its own listing, in one round trip.
     */
    public static String listReleases(String releasesPath, String currentPath) {
        return "if [ -d " + Shell.escape(releasesPath) + " ]; then cd " + Shell.escape(releasesPath)
                + " && for d in *; do [ -d \"$d\" ] || continue; if [ -e \"$d/" + ReleaseCommands.UNFINISHED_MARKER
                + "\" ]; then echo \"unfinished $d\"; else echo \"release $d\"; fi; done; fi; echo \"current $(readlink "
                + Shell.escape(currentPath) + " 2>/dev/null)\"";
    }

    /** Removes releases by name, {@value #BATCH} per line, in one script. */
    public static String remove(String releasesPath, List<String> names) {
        StringBuilder s = new StringBuilder("cd ").append(Shell.escape(releasesPath));
        for (int i = 0; i < names.size(); i += BATCH) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + BATCH));
            s.append(" && rm -rf --");
            for (String n : batch) s.append(' ').append(Shell.escape(n));
        }
        return s.toString();
    }

    /** Archives a rolled-back release next to deploy_to and removes it (Capistrano's cleanup_rollback). */
    public static String archiveAndRemove(String deployTo, String releasesPath, String name) {
        String archive = deployTo + "/rolled-back-release-" + name + ".tar.gz";
        return "tar -czf " + Shell.escape(archive) + " -C " + Shell.escape(releasesPath) + " " + Shell.escape(name)
                + " && rm -rf " + Shell.escape(releasesPath + "/" + name);
    }

    /** Names of the listing lines of one kind. */
    static List<String> names(List<String> lines, String kind) {
        List<String> out = new ArrayList<>();
        for (String l : lines) if (l.startsWith(kind + " ")) out.add(l.substring(kind.length() + 1));
        return out;
    }
}
