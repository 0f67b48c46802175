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

    /** Prints {@code newest NAME}: the last release by name (so a new one can be named after it). */
    public static String newestRelease(String releasesPath) {
        return "n=; for d in " + Shell.escape(releasesPath) + "/[0-9]*; do [ -d \"$d\" ] && n=$d; done; echo \"newest ${n##*/}\"";
    }

    /**
     * Creates the release directory, marked unfinished (with the run's token) until it is published. A release
     * directory is never reused: when it exists already (two deploys in the same second, a clock behind,
     * {@code release_timestamp} given) the command fails before touching it.
     */
    public static String createRelease(String releasePath, String token) {
        String release = Shell.escape(releasePath);
        String parent = Shell.escape(releasePath.substring(0, Math.max(1, releasePath.lastIndexOf('/'))));
        return "mkdir -p " + parent + " && if [ -e " + release + " ] || [ -L " + release + " ]; then echo "
                + Shell.escape("capstan: release " + releasePath + " exists already; a release directory is never reused"
                        + " (a deploy in the same second, a clock behind, or release_timestamp given): not touched") + " >&2; exit 1; fi && mkdir "
                + release + " && printf '%s\\n' " + Shell.escape(token) + " > " + Shell.escape(releasePath + "/" + UNFINISHED_MARKER);
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

    /** Appends the line unless it is the log's last line already (a failure after publishing logs the release, once). */
    public static String appendRevisionLogOnce(String logPath, String line) {
        String l = Shell.escape(line.replace("\n", " "));
        return "tail -n 1 " + Shell.escape(logPath) + " 2>/dev/null | grep -qxF -- " + l + " || printf '%s\\n' " + l + " >> " + Shell.escape(logPath);
    }

    static String escapeAll(Collection<String> values) {
        return values.stream().map(Shell::escape).collect(Collectors.joining(" "));
    }
}
