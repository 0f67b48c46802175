package dev.capstan.remote;

import java.util.List;

/** A command exited non-zero where that is an error. The message names host, command, status and the last output lines. */
public final class CommandFailedException extends RemoteException {
    static final int TAIL_LINES = 10;

    private final transient CommandResult result;

    public CommandFailedException(CommandResult result) {
        super(result.host(), message(result));
        this.result = result;
    }

    public CommandResult result() { return result; }

    private static String message(CommandResult r) {
        String status = r.exitStatus() < 0 ? "ended without exit status" : "exit status: " + r.exitStatus();
        String name = r.command().name();
        return name + " " + status + " on " + r.host().label() + "\n"
                + "command: " + r.command().loggedScript() + "\n"
                + name + " stdout: " + tail(r.stdout()) + "\n"
                + name + " stderr: " + tail(r.stderr());
    }

    static String tail(String text) {
        if (text == null || text.isBlank()) return "Nothing written";
        List<String> lines = text.strip().lines().toList();
        if (lines.size() <= TAIL_LINES) return String.join("\n", lines);
        return "(last " + TAIL_LINES + " of " + lines.size() + " lines)\n"
                + String.join("\n", lines.subList(lines.size() - TAIL_LINES, lines.size()));
    }
}
