package dev.capstan.deploy.commands;

import dev.capstan.remote.Shell;

import java.util.Collection;
import java.util.stream.Collectors;

/** Scripts for the release directories, REVISION files and revisions.log. Pure: tested as exact strings. */
public final class ReleaseCommands {
    /** Marks a release that has not been published yet; a crash or failure leaves it, so it is never rolled back to. */
    public static final String UNFINISHED_MARKER = ".capstan-unfinished";

    private ReleaseCommands() {}

    public static String mkdirs(Collection<String> dirs) {
        return "mkdir -p " + escapeAll(dirs);
    }

    /** Prints each of {@code files} that is not a regular file (one round trip for every linked file). */
    public static String missingFiles(Collection<String> files) {
        return "for f in " + escapeAll(files) + "; do [ -f \"$f\" ] || echo \"$f\"; done";
    }

    /** The revision of the release {@code current} points to, or nothing. */
    public static String previousRevision(String currentPath) {
        return "cat " + Shell.escape(currentPath + "/REVISION") + " 2>/dev/null || true";
    }

    /** Creates the release directory, marked unfinished until it is published. */
    public static String createRelease(String releasePath) {
        return "mkdir -p " + Shell.escape(releasePath) + " && touch " + Shell.escape(releasePath + "/" + UNFINISHED_MARKER);
    }

    /** REVISION (and REVISION_TIME when known) in the release, same content as Capistrano's. */
    public static String writeRevision(String releasePath, String revision, String revisionTime) {
        String s = "printf '%s\\n' " + Shell.escape(revision) + " > " + Shell.escape(releasePath + "/REVISION");
        if (revisionTime != null && !revisionTime.isBlank()) {
            s += " && printf '%s\\n' " + Shell.escape(revisionTime) + " > " + Shell.escape(releasePath + "/REVISION_TIME");
        }
        return s;
    }

    /** Appends one line to revisions.log, literally, whatever quotes or {@code $} it contains. */
    public static String appendRevisionLog(String logPath, String line) {
        return "printf '%s\\n' " + Shell.escape(line.replace("\n", " ")) + " >> " + Shell.escape(logPath);
    }

    static String escapeAll(Collection<String> values) {
        return values.stream().map(Shell::escape).collect(Collectors.joining(" "));
    }
}
