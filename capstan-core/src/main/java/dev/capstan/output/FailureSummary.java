package dev.capstan.output;

import dev.capstan.remote.Host;
import dev.capstan.remote.event.Event;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a failed run says last, once, on the error stream, like airbrussh's {@code ** DEPLOY FAILED}: the step
 * that failed (the task's name, not the first word of its script), on which hosts, each host's exit status and
 * the last lines its failed command wrote to stderr (or to stdout when stderr was empty), and where the log is.
 */
final class FailureSummary {
    static final int TAIL_LINES = 5;
    private static final java.util.regex.Pattern EXIT_STATUS = java.util.regex.Pattern.compile(".* exit status: -?\\d+ on .*");

    /** How one host failed: its failed command's name, exit status and last lines, or the error's first line. */
    private record Failure(String status, List<String> lines, boolean fromOutput) {
        Failure(String status, List<String> lines) {
            this(status, lines, false);
        }
    }

    private final Path logFile;
    private final Map<String, Deque<String>> stderr = new HashMap<>();
    private final Map<String, Deque<String>> stdout = new HashMap<>();
    private final Map<String, Failure> failedCommands = new HashMap<>();
    private final Map<String, Failure> failedHosts = new LinkedHashMap<>();
    private String failedTask;
    private String commandLine;

    /** {@code logFile} null when there is none. */
    FailureSummary(Path logFile) {
        this.logFile = logFile;
    }

    void on(Event e) {
        if (e instanceof Event.RunStarted r) {
            commandLine = r.commandLine();
            failedHosts.clear();
            failedTask = null;
        } else if (e instanceof Event.CommandOutput o) {
            Deque<String> tail = (o.stream() == Event.Stream.STDERR ? stderr : stdout).computeIfAbsent(key(o.command().id(), o.host()), k -> new ArrayDeque<>());
            tail.addLast(TerminalText.clean(o.line()));
            if (tail.size() > TAIL_LINES) tail.removeFirst();
        } else if (e instanceof Event.CommandFinished f) {
            String key = key(f.command().id(), f.host());
            Deque<String> err = stderr.remove(key);
            Deque<String> out = stdout.remove(key);
            if (f.exitStatus() != 0) {
                String status = f.exitStatus() < 0 ? "ended without exit status" : "exit status " + f.exitStatus();
                List<String> lines = new ArrayList<>(err != null && !err.isEmpty() ? err : out == null ? List.of() : out);
                failedCommands.put(ConciseFormatter.label(f.host()), new Failure(status, lines, true));
            }
        } else if (e instanceof Event.TaskFinished t && !t.success() && failedTask == null) {
            failedTask = t.task();
        } else if (e instanceof Event.HostFinished h && h.error() != null) {
            String host = ConciseFormatter.label(h.host());
            Failure command = failedCommands.remove(host);
            List<String> message = h.error().getMessage() == null ? List.of("failed") : h.error().getMessage().strip().lines().toList();
            // a command that exited non-zero says so in its own words; any other error (a timeout, a lost
            // connection, an error in the task's code) is shown as it is, every line of it
            boolean exitedNonZero = command != null && EXIT_STATUS.matcher(message.get(0)).matches();
            failedHosts.putIfAbsent(host, exitedNonZero ? command : new Failure(message.get(0), message.subList(1, message.size())));
        }
    }

    void print(Console console) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("** " + (commandLine != null && commandLine.matches("(.*\\s)?deploy(\\s.*)?") ? "DEPLOY FAILED" : "FAILED")
                + (commandLine == null ? "" : ": " + commandLine));
        if (failedTask != null) {
            lines.add("** Task " + failedTask + " failed" + (failedHosts.isEmpty() ? "" : " on " + String.join(", ", failedHosts.keySet())));
        } else if (!failedHosts.isEmpty()) {
            lines.add("** Failed on " + String.join(", ", failedHosts.keySet()));
        }
        failedHosts.forEach((host, f) -> {
            lines.add("** " + host + ": " + f.status() + (f.lines().isEmpty() || !f.fromOutput() ? "" : ", its last lines:"));
            f.lines().forEach(l -> lines.add("     " + l));
        });
        if (logFile != null) lines.add("** Every command and its output are in " + shown(logFile));
        for (String line : lines) console.errorLine(line);
    }

    private static String key(String commandId, Host host) {
        return commandId + "\0" + host.label();
    }

    /** The log's path relative to the working directory when it is inside it ({@code log/capstan.log}). */
    private static String shown(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : file.toString();
    }
}
