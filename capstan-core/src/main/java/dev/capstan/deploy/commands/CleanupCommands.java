package dev.capstan.deploy.commands;

import dev.capstan.deploy.script.Line;
import dev.capstan.deploy.script.Script;

import static dev.capstan.deploy.commands.ReleaseCommands.UNFINISHED_MARKER;

/** Scripts that list and remove releases. Pure: tested as exact strings. */
public final class CleanupCommands {
    /** Where a release goes, by one atomic rename, before it is deleted: an interrupted cleanup leaves no half release. */
    public static final String TRASH = ".capstan-trash";

    private CleanupCommands() {}

    /**
     * One line per entry of the releases directory ({@code release NAME}, {@code unfinished NAME}, or {@code bare NAME}
     * for one without REVISION), then
     * {@code current TARGET}, then {@code deployed NAME} for each release revisions.log says was deployed, in
     * its order: each host judges from its own listing, in one round trip.
     */
    public static Script listReleases(String releasesPath, String currentPath, String revisionLog) {
        return Script.line("if [ -d ").word(releasesPath).text(" ]; then cd ").word(releasesPath)
                .text(" && for d in *; do [ -d \"$d\" ] || continue; if [ -e \"$d/" + UNFINISHED_MARKER
                        + "\" ]; then echo \"unfinished $d\"; elif [ -e \"$d/REVISION\" ]; then echo \"release $d\"; else echo \"bare $d\"; fi; done; fi")
                .then(Script.line("echo \"current $(readlink ").word(currentPath).text(" 2>/dev/null)\""))
                .then(Script.line("sed -n 's/.* deployed as release \\([0-9]\\{14\\}\\) by .*/deployed \\1/p' ").word(revisionLog)
                        .text(" 2>/dev/null | tail -n 100"));
    }

    /**
     * The whole cleanup in one command, judged on the host from its own listing: unfinished releases go first
     * (never {@code current}, never the release of the run that holds the lock, never one a running process uses), then good releases beyond the
     * newest {@code keep} by name (never {@code current}); entries that are not 14-digit names are left alone.
     * The releases to remove are renamed into the trash (each rename atomic, one {@code mv} for all), then deleted.
     * Prints one line per decision for the log.
     */
    public static Script cleanup(String releasesPath, String currentPath, String lockInfo, int keep) {
        String digits = "[0-9]".repeat(14);
        return Script.line("[ -d ").word(releasesPath).text(" ] || exit 0; cd ").word(releasesPath).text(" || exit 1")
                .nl(Script.line("rm -rf " + TRASH + "; lock=$(cat ").word(lockInfo).text(" 2>/dev/null)"))
                .nl(Script.line("current=$(basename \"$(readlink ").word(currentPath).text(" 2>/dev/null)\"); good=''; gone=''; n=0"))
                .nl(Script.line(inUse()))
                .nl(lines("for d in *; do",
                        "  [ -d \"$d\" ] || continue",
                        "  case \"$d\" in " + digits + ") ;; *) echo \"invalid $d\"; continue ;; esac",
                        "  if [ -e \"$d/" + UNFINISHED_MARKER + "\" ]; then",
                        "    [ \"$d\" != \"$current\" ] || continue",
                        "    case \" $inuse \" in *\" $d \"*) echo \"in-use $d\"; continue ;; esac",
                        "    t=$(cat \"$d/" + UNFINISHED_MARKER + "\"); case \"$lock\" in *\"token=$t \"*) [ -n \"$t\" ] && { echo \"in-progress $d\"; continue; } ;; esac",
                        "    echo \"unfinished $d\"; gone=\"$gone $d\"; continue",
                        "  fi",
                        "  good=\"$good $d\"; n=$((n + 1))",
                        "done",
                        "excess=$((n - " + keep + ")); echo \"kept $n " + keep + "\"",
                        "for d in $good; do",
                        "  [ \"$excess\" -gt 0 ] || break; excess=$((excess - 1))",
                        "  if [ \"$d\" = \"$current\" ]; then echo \"current $d\"; continue; fi",
                        "  case \" $inuse \" in *\" $d \"*) echo \"in-use $d\"; continue ;; esac",
                        "  echo \"removed $d\"; gone=\"$gone $d\"",
                        "done",
                        "[ -z \"$gone\" ] || { mkdir -p " + TRASH + " && mv -- $gone " + TRASH + "/ && rm -rf -- " + TRASH + "; } || exit 1"));
    }

    /**
     * {@code inuse}: the releases a running process on the host works in or has open as its executable or a mapped
     * file ({@code /proc/PID/cwd}, {@code exe}, {@code maps}; only the processes the deploy user may inspect).
     */
    private static String inUse() {
        // one ls and one grep for all processes: a readlink and a sed per process cost ~2.5 ms each (0.18 s for 69)
        return "inuse=$(r=$(pwd -P); { ls -l /proc/[0-9]*/cwd /proc/[0-9]*/exe 2>/dev/null | sed -n 's|.* -> ||p';"
                + " grep -ho -- \"$r/[0-9]\\{14\\}\" /proc/[0-9]*/maps 2>/dev/null; }"
                + " | sed -n \"s|^ *$r/\\([0-9]\\{14\\}\\)\\(/.*\\)\\{0,1\\}\\( (deleted)\\)\\{0,1\\}\\$|\\1|p\" | sort -u | tr '\\n' ' ')";
    }

    /**
     * Keeps the newest {@code keep} rollback archives (by name) in deploy_to, and removes any left half-written by
     * an interrupted rollback; prints {@code archive NAME} for each removed.
     */
    public static Line pruneArchives(String deployTo, int keep) {
        return Script.line("cd ").word(deployTo).text(" && rm -f rolled-back-release-*.tar.gz.part; n=0; for a in rolled-back-release-*.tar.gz; do [ -f \"$a\" ] && n=$((n + 1)); done; "
                + "excess=$((n - " + keep + ")); for a in rolled-back-release-*.tar.gz; do [ \"$excess\" -gt 0 ] || break; "
                + "[ -f \"$a\" ] || continue; excess=$((excess - 1)); echo \"archive $a\"; rm -f -- \"$a\" || exit 1; done");
    }

    /**
     * Capistrano's cleanup_rollback in one command: unless {@code current} points to it again, the rolled-back
     * release is archived next to deploy_to and removed (the host decides from its own {@code current}; prints
     * {@code current} when it kept it, {@code missing} when the host does not have it).
     */
    public static Line archiveRolledBack(String deployTo, String releasesPath, String currentPath, String name) {
        String archive = deployTo + "/rolled-back-release-" + name + ".tar.gz";
        return Script.line("if [ \"$(basename \"$(readlink ").word(currentPath).text(" 2>/dev/null)\")\" = ").word(name).text(" ]; then echo current; ")
                .text("elif [ ! -d ").word(releasesPath + "/" + name).text(" ]; then echo missing; ")
                .text("else tar -czf ").word(archive + ".part").text(" -C ").word(releasesPath).text(" ").word(name)
                .text(" && mv ").word(archive + ".part").text(" ").word(archive).text(" && cd ").word(releasesPath)
                .text(" && d=").word(name).text(" && { mkdir -p " + TRASH + " && mv -- \"$d\" " + TRASH + "/ && rm -rf -- " + TRASH + "; } || exit 1; fi");
    }

    private static Script lines(String... shell) {
        Script s = Script.line(shell[0]);
        for (int i = 1; i < shell.length; i++) s = s.nl(Script.line(shell[i]));
        return s;
    }
}
