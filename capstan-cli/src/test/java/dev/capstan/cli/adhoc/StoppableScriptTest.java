package dev.capstan.cli.adhoc;

import dev.capstan.remote.Command;
import dev.capstan.remote.Verbosity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The two scripts as exact strings; {@code StoppableScriptIT} runs them. */
class StoppableScriptTest {
    @Test
    void wrapsTheScriptKeepingWhatIsShown() {
        Command c = new Command("ab12cd34", "echo", "echo 'it''s'", "cd /srv && echo 'x'", "cd /srv && echo 'x'", Verbosity.INFO, false, null);
        Command w = StoppableScript.wrap(c);
        assertThat(w.script()).isEqualTo("f=\"${TMPDIR:-/tmp}/capstan-stop-ab12cd34\"; s=; if command -v setsid > /dev/null 2>&1; then s=setsid; fi; "
                + "$s sh -c echo\\ \\$\\$\\ \\>\\ \\\"\\$1\\\"\\;\\ if\\ \\[\\ -e\\ \\\"\\$1.stop\\\"\\ \\]\\;\\ then\\ exit\\ 130\\;\\ fi\\;"
                + "\\ exec\\ sh\\ -c\\ \\\"\\$2\\\" sh \"$f\" cd\\ /srv\\ \\&\\&\\ echo\\ \\'x\\'; "
                + "r=$?; rm -f \"$f\" \"$f.stop\"; exit $r");
        assertThat(w.summary()).isEqualTo(c.summary());
        assertThat(w.loggedScript()).isEqualTo(c.loggedScript());
        assertThat(w.id()).isEqualTo(c.id());
    }

    @Test
    void stopSignalsTheGroupThenEscalatesAndKillsAsTheCommandsUser() {
        assertThat(StoppableScript.stop("ab12cd34", null)).isEqualTo("f=\"${TMPDIR:-/tmp}/capstan-stop-ab12cd34\"; : > \"$f.stop\"; "
                + "g=$(cat \"$f\" 2>/dev/null); case \"$g\" in ''|*[!0-9]*) exit 0;; esac; "
                + "for sig in INT TERM KILL; do kill -$sig -$g 2>/dev/null || exit 0; "
                + "i=0; while [ $i -lt 20 ] && kill -0 -$g 2>/dev/null; do sleep 0.1; i=$((i+1)); done; done; exit 0");
        assertThat(StoppableScript.stop("ab12cd34", "deploy")).contains("sudo -n -u deploy kill -$sig -- -$g", "sudo -n -u deploy kill -0 -- -$g");
    }
}
