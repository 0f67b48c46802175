package dev.capstan.remote;

import java.time.Duration;

/**
 * One command as data: what is sent to the host's shell ({@link #script}) and what is shown
 * ({@link #summary}, {@link #loggedScript}, with redacted values hidden). Built by {@link CommandBuilder}.
 *
 * @param id             short id tying a command's output lines together when hosts interleave
 * @param name           the command's first word, for error messages ("ls exit status: 2")
 * @param summary        mapped command and arguments, as SSHKit's "Running ..." line
 * @param script         the full shell text sent to the host (cd, env, sudo included)
 * @param loggedScript   {@code script} with redacted values hidden
 * @param verbosity      INFO for execute, DEBUG for test and capture
 * @param raiseOnNonZero whether a non-zero exit status is an error
 * @param timeout        how long the command may run, or null for no limit
 * @param title          what the command does, for a heading ({@code updating  mirror fetch · release …  (git:update, …)}), or null
 * @param layout         {@code loggedScript} laid out on several lines for people (pretty, log file, report), or null
 * @param user           the user it runs as through {@code sudo} ({@code as}), or null for the login user: ending it
 *                       takes that user's rights ({@link Backend#abort})
 */
public record Command(String id, String name, String summary, String script, String loggedScript,
                      Verbosity verbosity, boolean raiseOnNonZero, Duration timeout, String title, String layout, String user) {

    public Command(String id, String name, String summary, String script, String loggedScript,
                   Verbosity verbosity, boolean raiseOnNonZero, Duration timeout, String title, String layout) {
        this(id, name, summary, script, loggedScript, verbosity, raiseOnNonZero, timeout, title, layout, null);
    }

    public Command(String id, String name, String summary, String script, String loggedScript,
                   Verbosity verbosity, boolean raiseOnNonZero, Duration timeout) {
        this(id, name, summary, script, loggedScript, verbosity, raiseOnNonZero, timeout, null, null);
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(id, name, summary, script, loggedScript, verbosity, raiseOnNonZero, newTimeout, title, layout, user);
    }

    public Command withVerbosity(Verbosity v) {
        return new Command(id, name, summary, script, loggedScript, v, raiseOnNonZero, timeout, title, layout, user);
    }

    public Command withRaiseOnNonZero(boolean raise) {
        return new Command(id, name, summary, script, loggedScript, verbosity, raise, timeout, title, layout, user);
    }

    /** The same command, shown under {@code title} and laid out as {@code layout}. */
    public Command described(String newTitle, String newLayout) {
        return new Command(id, name, summary, script, loggedScript, verbosity, raiseOnNonZero, timeout, newTitle, newLayout, user);
    }
}
