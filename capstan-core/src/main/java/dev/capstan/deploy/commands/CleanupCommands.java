package dev.capstan.deploy.commands;

import dev.capstan.remote.Shell;


/** Scripts that list and remove releases. Pure: tested as exact strings. */
public final class CleanupCommands {
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

    /**
     * The whole cleanup in one command, judged on the host from its own listing: unfinished releases go first
     * (never {@code current}), then good releases beyond the newest {@code keep} by name (never {@code current});
     * entries that are not 14-digit names are left alone. Prints one line per decision for the log.
     */
    public static String cleanup(String releasesPath, String currentPath, int keep) {
        String digits = "[0-9]".repeat(14);
        return "[ -d " + Shell.escape(releasesPath) + " ] || exit 0; cd " + Shell.escape(releasesPath) + " || exit 1\n"
                + "current=$(basename \"$(readlink " + Shell.escape(currentPath) + " 2>/dev/null)\"); good=''; n=0\n"
                + "for d in *; do\n"
                + "  [ -d \"$d\" ] || continue\n"
                + "  case \"$d\" in " + digits + ") ;; *) echo \"invalid $d\"; continue ;; esac\n"
                + "  if [ -e \"$d/" + ReleaseCommands.UNFINISHED_MARKER + "\" ]; then\n"
                + "    if [ \"$d\" != \"$current\" ]; then echo \"unfinished $d\"; rm -rf -- \"$d\" || exit 1; fi; continue\n"
                + "  fi\n"
                + "  good=\"$good $d\"; n=$((n + 1))\n"
                + "done\n"
                + "excess=$((n - " + keep + ")); echo \"kept $n " + keep + "\"\n"
                + "for d in $good; do\n"
                + "  [ \"$excess\" -gt 0 ] || break; excess=$((excess - 1))\n"
                + "  if [ \"$d\" = \"$current\" ]; then echo \"current $d\"; continue; fi\n"
                + "  echo \"removed $d\"; rm -rf -- \"$d\" || exit 1\n"
                + "done";
    }

    /**
     * Capistrano's cleanup_rollback in one command: unless {@code current} points to it again, the rolled-back
     * release is archived next to deploy_to and removed (the host decides from its own {@code current}; prints
     * {@code current} when it kept it).
     */
    public static String archiveRolledBack(String deployTo, String releasesPath, String currentPath, String name) {
        String archive = deployTo + "/rolled-back-release-" + name + ".tar.gz";
        return "if [ \"$(basename \"$(readlink " + Shell.escape(currentPath) + " 2>/dev/null)\")\" = " + Shell.escape(name) + " ]; then echo current; "
                + "else tar -czf " + Shell.escape(archive) + " -C " + Shell.escape(releasesPath) + " " + Shell.escape(name)
                + " && rm -rf " + Shell.escape(releasesPath + "/" + name) + "; fi";
    }
}
