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

    /** Sends {@code signal} to the process of the pid file, if it runs, and waits until it is gone. */
    static String stopBy(String pidFile, String signal, int seconds, String what) {
        return "if capstan_alive " + pidFile + "; then old=$(cat " + pidFile + "); kill -" + signal + " \"$old\"; "
                + waitGone("old", seconds, what) + " || exit 1; fi";
    }

    /** {@code body} (indented lines) unless the process of the pid file already runs. */
    static String unlessRunning(String pidFile, String name, String body) {
        return "if capstan_alive " + pidFile + "; then echo \"" + name + " already running as $(cat " + pidFile + ")\"; else\n" + body + "\nfi";
    }
}
