package dev.capstan.output;

import dev.capstan.remote.event.Event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a failed run says last, on the error stream, like airbrussh's {@code ** DEPLOY FAILED}: the task
 * that failed, the hosts that failed, and the tail of the log file.
 */
final class FailureSummary {
    static final int TAIL_LINES = 20;

    private final Path logFile;
    private final Supplier<List<String>> logTail;
    private final Set<String> failedHosts = new LinkedHashSet<>();
    private String failedTask;
    private String commandLine;

    /** {@code logFile} null when there is none; {@code logTail} gives its last lines. */
    FailureSummary(Path logFile, Supplier<List<String>> logTail) {
        this.logFile = logFile;
        this.logTail = logTail;
    }

    void on(Event e) {
        if (e instanceof Event.RunStarted r) {
            commandLine = r.commandLine();
            failedHosts.clear();
            failedTask = null;
        } else if (e instanceof Event.TaskFinished t && !t.success() && failedTask == null) {
            failedTask = t.task();
        } else if (e instanceof Event.HostFinished h && h.error() != null) {
            failedHosts.add(ConciseFormatter.label(h.host()));
        }
    }

    void print(Console console) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("** " + (commandLine != null && commandLine.matches("(.*\\s)?deploy(\\s.*)?") ? "DEPLOY FAILED" : "FAILED")
                + (commandLine == null ? "" : ": " + commandLine));
        if (failedTask != null) {
            lines.add("** Task " + failedTask + " failed" + (failedHosts.isEmpty() ? "" : " on " + String.join(", ", failedHosts)));
        } else if (!failedHosts.isEmpty()) {
            lines.add("** Failed on " + String.join(", ", failedHosts));
        }
        if (logFile != null) {
            List<String> tail = logTail.get();
            lines.add("** Refer to " + shown(logFile) + " for details. Here are the last " + tail.size() + " lines:");
            lines.addAll(tail);
        }
        for (String line : lines) console.errorLine(line);
    }

    /** The log's path relative to the working directory when it is inside it ({@code log/capstan.log}). */
    private static String shown(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : file.toString();
    }
}
