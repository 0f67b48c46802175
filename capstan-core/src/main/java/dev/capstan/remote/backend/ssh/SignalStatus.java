package dev.capstan.remote.backend.ssh;

import java.util.Map;

/**
 * The exit status of a command a signal ended, as a shell reports it: 128 + the signal's number (130 INT, 137 KILL,
 * 143 TERM). sshd sends the signal's name instead of a status (RFC 4254 "exit-signal"); the local backend and a
 * shell on the host give the number, so an interrupted line reads the same wherever it ran.
 */
final class SignalStatus {
    /** RFC 4254's signal names, with their numbers on Linux and the BSDs. */
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("HUP", 1), Map.entry("INT", 2),
            Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("ABRT", 6), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("SEGV", 11), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15));

    private SignalStatus() {}

    /** 128 + the number of the signal named (with or without {@code SIG}), or -1 for one without a portable number. */
    static int of(String name) {
        String n = name.startsWith("SIG") ? name.substring(3) : name;
        Integer number = NUMBERS.get(n);
        return number == null ? -1 : 128 + number;
    }
}
