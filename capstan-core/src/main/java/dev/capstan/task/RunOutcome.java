package dev.capstan.task;

/**
 * An error whose message says in what state the run left the hosts (a hosts × release table, which release is live):
 * shown whole at the end of a run even when each failed host's error was already summarised, since the summary
 * names only the failures, not what they left behind.
 */
public interface RunOutcome {}
