package dev.capstan.remote;

import java.time.Duration;
import java.util.List;

/**
 * How {@link Backend#abort} ends a running command on its host: the signals its process group gets in turn, each
 * after the one before had {@link #GRACE} to work. What is left after the last is gone.
 */
public enum Ending {
    /** A stopped run (Ctrl-C, SIGTERM, SIGHUP during a deploy) or a timeout: TERM, then KILL. */
    TERMINATE(List.of("TERM", "KILL")),
    /**
     * The user's Ctrl-C passed on to a line they typed ({@code exec}, the console): INT first, as their terminal
     * would send it, so an interactive program can clean up; then TERM, then KILL.
     */
    INTERRUPT(List.of("INT", "TERM", "KILL"));

    /** How long a process group has after one signal before the next. */
    public static final Duration GRACE = Duration.ofSeconds(2);

    private final List<String> signals;

    Ending(List<String> signals) {
        this.signals = signals;
    }

    /** Signal names without {@code SIG}, as {@code kill -NAME} takes them; the last is KILL. */
    public List<String> signals() { return signals; }

    /** The longest the signals take: a grace after each but the last. */
    public Duration longest() { return GRACE.multipliedBy(signals.size() - 1L); }
}
