package dev.capstan.cli.adhoc;

import dev.capstan.remote.Command;
import dev.capstan.remote.Shell;

/**
 * Makes an ad-hoc command stoppable on its host. Closing an SSH channel does not end the command behind it
 * (sshd sends no signal to a session without a pty), so the command runs in a process group of its own
 * ({@code setsid}) whose id it leaves in a file; {@link #stop} signals that whole group (pipelines and children
 * too): INT as Ctrl-C would, then TERM, then KILL, each after a bounded wait. A stop that comes before the
 * command has written its file leaves a mark the command checks right after writing it, so no order loses it.
 * Both scripts are exact strings (tested as such); they need only a POSIX sh, {@code kill} and {@code sleep}.
 */
public final class StoppableScript {
    /** Exit status of a command stopped before it began, as a shell reports a command ended by SIGINT. */
    static final int STOPPED = 130;

    private StoppableScript() {}

    /** The same command, run so that {@link #stop} can end it; what is shown and logged stays the user's command. */
    public static Command wrap(Command c) {
        String f = file(c.id());
        String inner = "echo $$ > \"$1\"; if [ -e \"$1.stop\" ]; then exit " + STOPPED + "; fi; exec sh -c \"$2\"";
        String script = "f=" + f + "; s=; if command -v setsid > /dev/null 2>&1; then s=setsid; fi; $s sh -c "
                + Shell.escape(inner) + " sh \"$f\" " + Shell.escape(c.script()) + "; r=$?; rm -f \"$f\" \"$f.stop\"; exit $r";
        return new Command(c.id(), c.name(), c.summary(), script, c.loggedScript(), c.verbosity(), c.raiseOnNonZero(), c.timeout(), c.title(), c.layout());
    }

    /**
     * The script that stops the command {@code id} on its host. {@code user} is the user it runs as (through
     * {@code sudo}, as {@code :as} does), or null for the SSH user; the file is always the SSH user's.
     */
    public static String stop(String id, String user) {
        // the shell's own kill takes `-SIG -PGID` (dash's refuses `--`); sudo runs /bin/kill, which needs `--` before it
        String group = user == null ? "kill -$sig -$g" : "sudo -n -u " + Shell.escape(user) + " kill -$sig -- -$g";
        String alive = user == null ? "kill -0 -$g" : "sudo -n -u " + Shell.escape(user) + " kill -0 -- -$g";
        return "f=" + file(id) + "; : > \"$f.stop\"; g=$(cat \"$f\" 2>/dev/null); case \"$g\" in ''|*[!0-9]*) exit 0;; esac; "
                + "for sig in INT TERM KILL; do " + group + " 2>/dev/null || exit 0; "
                + "i=0; while [ $i -lt 20 ] && " + alive + " 2>/dev/null; do sleep 0.1; i=$((i+1)); done; done; exit 0";
    }

    private static String file(String id) {
        return "\"${TMPDIR:-/tmp}/capstan-stop-" + id + "\"";
    }
}
