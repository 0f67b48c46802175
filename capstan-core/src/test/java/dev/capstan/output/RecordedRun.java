package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.CommandFailedException;
import dev.capstan.remote.CommandResult;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.Event.Stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A recorded deploy, as the engine would report it, with fixed ids and times: two hosts in parallel,
 * interleaved output, a hidden {@code test}, a non-UTF-8 line, a very long line, secrets (a secret
 * variable known from the start, an {@code ask(echo: false)} answer known only half-way, a URL password),
 * and a failure on web2.
 */
final class RecordedRun {
    static final Instant T0 = Instant.parse("2026-11-24T07:00:00Z");
    static final String DB_PASSWORD = "s3cr3t-db-pw";
    static final String ASKED = "askedPass99";
    static final String URL_PASSWORD = "hunter2pw";
    static final String LONG = "npm WARN deprecated " + "x".repeat(40) + " " + "y".repeat(150) + " end-of-long-line";

    final Host web1 = new Host("web1", null, "deploy", Set.of("web"), Map.of(), Map.of());
    final Host web2 = new Host("web2", null, "deploy", Set.of("web"), Map.of(), Map.of());
    /** What the configuration would answer: grows when the question is asked. */
    final List<String> secrets = new CopyOnWriteArrayList<>(List.of(DB_PASSWORD));
    private final List<Event> events = new ArrayList<>();
    private long millis;

    Supplier<Collection<String>> secretsSupplier() {
        return () -> List.copyOf(secrets);
    }

    /** Feeds the events one by one; the asked secret becomes known where the run asks for it. */
    void replay(Output output) {
        for (Event e : events()) {
            if (e instanceof Event.LogMessage m && m.message().startsWith("Password asked")) secrets.add(ASKED);
            output.on(e);
        }
    }

    List<Event> events() {
        if (!events.isEmpty()) return events;
        add(new Event.RunStarted(at(0), "capstan production deploy"));
        add(new Event.TaskStarted(at(15), "deploy:check"));
        add(new Event.BlockStarted(at(1), "b1", List.of(web1, web2), "parallel"));
        // a folded command: shown under its heading, its script laid out (the password in it masked too)
        String title = "checks  ls-remote · directories  (git:check, deploy:check:directories)";
        String layout = "git ls-remote https://bob:" + URL_PASSWORD + "@git.example.com/shop.git HEAD &&\nmkdir -p /var/www/shop/shared /var/www/shop/releases";
        Command ls1 = cmd("a1b2c3d4", "git", "/usr/bin/env git ls-remote https://bob:" + URL_PASSWORD + "@git.example.com/shop.git HEAD").described(title, layout);
        Command ls2 = cmd("e5f6a7b8", "git", ls1.summary()).described(title, layout);
        add(new Event.CommandStarted(at(2), ls1, web1));
        add(new Event.CommandStarted(at(1), ls2, web2));
        add(new Event.CommandOutput(at(80), ls1, web1, Stream.STDOUT, "e376d018581142f3e8e7589e061b4e79b9b98b97\tHEAD"));
        add(new Event.CommandOutput(at(5), ls2, web2, Stream.STDOUT, "e376d018581142f3e8e7589e061b4e79b9b98b97\tHEAD"));
        add(new Event.CommandFinished(at(30), ls1, web1, 0, Duration.ofMillis(117)));
        add(new Event.CommandFinished(at(4), ls2, web2, 0, Duration.ofMillis(121)));
        Command test = cmd("0a1b2c3d", "test", "/usr/bin/env test -d /var/www/shop/releases").withVerbosity(Verbosity.DEBUG).withRaiseOnNonZero(false);
        add(new Event.CommandStarted(at(3), test, web1));
        add(new Event.CommandFinished(at(9), test, web1, 1, Duration.ofMillis(9)));
        add(new Event.HostFinished(at(1), "b1", web1, null));
        add(new Event.HostFinished(at(1), "b1", web2, null));
        add(new Event.BlockFinished(at(1), "b1", true));
        add(new Event.LogMessage(at(2), null, Verbosity.INFO, "Database password is " + DB_PASSWORD + " (should never show)"));
        add(new Event.LogMessage(at(1), null, Verbosity.WARN, "Password asked on the terminal"));
        add(new Event.TaskFinished(at(1), "deploy:check", Duration.ofMillis(270), true));

        add(new Event.TaskStarted(at(64_000), "deploy:updating"));
        add(new Event.BlockStarted(at(1), "b2", List.of(web1, web2), "parallel"));
        String build = "/usr/bin/env npm ci --registry https://ci:" + ASKED + "@npm.example.com";
        Command n1 = cmd("11111111", "npm", build);
        Command n2 = cmd("22222222", "npm", build);
        add(new Event.CommandStarted(at(3), n1, web1));
        add(new Event.CommandStarted(at(2), n2, web2));
        add(new Event.CommandOutput(at(50), n1, web1, Stream.STDOUT, "added 12 packages"));
        add(new Event.CommandOutput(at(3), n2, web2, Stream.STDOUT, "added 12 packages"));
        add(new Event.CommandOutput(at(7), n1, web1, Stream.STDERR, "caf\uFFFD bytes \uFFFD\uFFFD not UTF-8"));
        add(new Event.CommandOutput(at(4), n1, web1, Stream.STDOUT, "<script>alert('x')</script> & \"done\""));
        add(new Event.CommandOutput(at(2), n2, web2, Stream.STDERR, LONG));
        add(new Event.CommandOutput(at(1), n2, web2, Stream.STDERR, "token " + ASKED + " rejected by \u001b[31mregistry\u001b[0m"));
        add(new Event.CommandFinished(at(200), n1, web1, 0, Duration.ofMillis(1263)));
        add(new Event.CommandFinished(at(5), n2, web2, 1, Duration.ofMillis(1301)));
        add(new Event.HostFinished(at(1), "b2", web1, null));
        add(new Event.HostFinished(at(1), "b2", web2, new CommandFailedException(new CommandResult(web2, n2, 1,
                "added 12 packages\n", "token " + ASKED + " rejected\n", Duration.ofMillis(1301)))));
        add(new Event.BlockFinished(at(1), "b2", false));
        add(new Event.TaskFinished(at(1), "deploy:updating", Duration.ofMillis(1560), false));
        add(new Event.RunFinished(at(2), false, Duration.ofMillis(65_990)));
        return events;
    }

    private static Command cmd(String id, String name, String summary) {
        return new Command(id, name, summary, summary, summary, Verbosity.INFO, true, null);
    }

    private Instant at(long advanceMillis) {
        millis += advanceMillis;
        return T0.plusMillis(millis);
    }

    private void add(Event e) {
        events.add(e);
    }
}
