package dev.capstan.deploy.service;

/** Status from a pid file: the pid and, from {@code /proc/PID/cwd}, the release the process runs in. */
final class PidFileStatus {
    private PidFileStatus() {}

    static String of(String pidFile) {
        return "if capstan_alive " + pidFile + "; then p=$(cat " + pidFile + "); echo \"service running $p $(basename \"$(readlink /proc/$p/cwd 2>/dev/null)\")\"; "
                + "else echo 'service stopped'; fi";
    }

    /** Waits until the process of {@code $var} is gone ({@code what} names it on the progress line). */
    static String waitGone(String var, int seconds, String what) {
        return "capstan_gone() { ! kill -0 \"$" + var + "\" 2>/dev/null; }; capstan_wait " + seconds + " 0.2 \"" + what + "\" capstan_gone";
    }
}
