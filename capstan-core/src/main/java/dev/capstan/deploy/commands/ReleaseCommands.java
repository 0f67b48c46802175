package dev.capstan.deploy.commands;

import dev.capstan.deploy.script.Line;
import dev.capstan.deploy.script.Script;

import java.util.Collection;

/** Scripts for the release directories, REVISION files and revisions.log. Pure: tested as exact strings. */
public final class ReleaseCommands {
    /** Marks a release that has not been published yet; a crash or failure leaves it, so it is never rolled back to. */
    public static final String UNFINISHED_MARKER = ".capstan-unfinished";

    private ReleaseCommands() {}

    public static Line mkdirs(Collection<String> dirs) {
        return Script.line("mkdir -p ").words(dirs);
    }

    /** Prints each of {@code files} that is not a regular file (one round trip for every linked file). */
    public static Line missingFiles(Collection<String> files) {
        return Script.line("for f in ").words(files).text("; do [ -f \"$f\" ] || echo \"$f\"; done");
    }

    /** The revision of the release {@code current} points to, or nothing. */
    public static Line previousRevision(String currentPath) {
        return Script.line("cat ").word(currentPath + "/REVISION").text(" 2>/dev/null || true");
    }

    /** Prints {@code newest NAME}: the last release by name (so a new one can be named after it). */
    public static Line newestRelease(String releasesPath) {
        return Script.line("n=; for d in ").word(releasesPath).text("/[0-9]*; do [ -d \"$d\" ] && n=$d; done; echo \"newest ${n##*/}\"");
    }

    /**
     * Creates the release directory, marked unfinished (with the run's token) until it is published. A release
     * directory is never reused: when it exists already (two deploys in the same second, a clock behind,
     * {@code release_timestamp} given) the command fails before touching it.
     */
    public static Script createRelease(String releasePath, String token) {
        String parent = releasePath.substring(0, Math.max(1, releasePath.lastIndexOf('/')));
        Line refuse = Script.line("if [ -e ").word(releasePath).text(" ] || [ -L ").word(releasePath).text(" ]; then echo ")
                .word("capstan: release " + releasePath + " exists already; a release directory is never reused"
                        + " (a deploy in the same second, a clock behind, or release_timestamp given): not touched")
                .text(" >&2; exit 1; fi");
        return Script.line("mkdir -p ").word(parent).and(refuse).and(Script.line("mkdir ").word(releasePath))
                .and(printTo(token, releasePath + "/" + UNFINISHED_MARKER));
    }

    /** REVISION (and REVISION_TIME when known) in the release, same content as Capistrano's. */
    public static Script writeRevision(String releasePath, String revision, String revisionTime) {
        Script s = printTo(revision, releasePath + "/REVISION");
        if (revisionTime != null && !revisionTime.isBlank()) s = s.and(printTo(revisionTime, releasePath + "/REVISION_TIME"));
        return s;
    }

    /** Appends one line to revisions.log, literally, whatever quotes or {@code $} it contains. */
    public static Line appendRevisionLog(String logPath, String line) {
        return Script.line("printf '%s\\n' ").word(line.replace("\n", " ")).text(" >> ").word(logPath);
    }

    /** Appends the line unless it is the log's last line already (a failure after publishing logs the release, once). */
    public static Line appendRevisionLogOnce(String logPath, String line) {
        String l = line.replace("\n", " ");
        return Script.line("tail -n 1 ").word(logPath).text(" 2>/dev/null | grep -qxF -- ").word(l)
                .text(" || printf '%s\\n' ").word(l).text(" >> ").word(logPath);
    }

    /** {@code printf '%s\n' VALUE > FILE}: the value, literally, as the file's one line. */
    public static Line printTo(String value, String file) {
        return Script.line("printf '%s\\n' ").word(value).text(" > ").word(file);
    }
}
