package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure summary says each failed host once: a command's exit status and its last stderr lines, or any other error whole. */
class FailureSummaryTest {
    private final Host web1 = Host.parse("deploy@web1");
    private final Host web2 = Host.parse("deploy@web2");
    private final Instant t = Instant.EPOCH;

    @Test
    void aCommandThatExitedNonZeroShowsItsLastStderrLinesAnotherErrorShowsAllOfItself() {
        FailureSummary summary = new FailureSummary(Path.of("log/capstan.log"));
        Command c = new Command("c1", "script", "{ git fetch; }", "{ git fetch; }", "{ git fetch; }", Verbosity.INFO, true, null);
        List<Event> events = List.of(new Event.RunStarted(t, "capstan production deploy"),
                new Event.CommandStarted(t, c, web1),
                new Event.CommandOutput(t, c, web1, Event.Stream.STDOUT, "fetching"),
                new Event.CommandOutput(t, c, web1, Event.Stream.STDERR, "fatal: \u001b[31mno\u001b[0m such repository"),
                new Event.CommandFinished(t, c, web1, 128, Duration.ofMillis(5)),
                new Event.HostFinished(t, "b1", web1, new RuntimeException("script exit status: 128 on deploy@web1\ncommand: { git fetch; }")),
                new Event.HostFinished(t, "b1", web2, new RuntimeException("timed out after 4.0 s on deploy@web2\nthe command was stopped")),
                new Event.TaskFinished(t, "git:clone", Duration.ofMillis(9), false),
                new Event.TaskFinished(t, "deploy", Duration.ofMillis(9), false));
        events.forEach(summary::on);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        summary.print(new Console(stream, stream, new Masker(List::of), false, 0));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""

                ** DEPLOY FAILED: capstan production deploy
                ** Task git:clone failed on deploy@web1, deploy@web2
                ** deploy@web1: exit status 128, its last lines:
                     fatal: no such repository
                ** deploy@web2: timed out after 4.0 s on deploy@web2
                     the command was stopped
                ** Every command and its output are in log/capstan.log
                """);
    }
}
