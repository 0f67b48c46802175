package dev.capstan.cli.exec;

import dev.capstan.cli.Invocation;
import dev.capstan.cli.Main;
import dev.capstan.cli.RemoteSession;
import dev.capstan.cli.adhoc.AdHocRun;
import dev.capstan.cli.adhoc.StopOnExit;
import dev.capstan.remote.Host;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.event.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code capstan STAGE exec [--roles R|--hosts H] [--sequence|--limit N] -- COMMAND...}: one ad-hoc command on
 * the selected hosts, each host's output under its name, a table of exit statuses, exit status 1 when any host
 * failed. Every host runs it whatever the others do. Ctrl-C ends the command on every host ({@link StopOnExit}).
 */
public final class ExecCommand {
    private ExecCommand() {}

    public static int run(Invocation call) {
        List<String> words = call.hasDashes() ? call.afterDashes() : call.words();
        if (words.isEmpty()) {
            call.err().println("capstan: exec needs a command, e.g. `capstan " + call.config().fetchString("stage") + " exec -- uptime`");
            return Main.USAGE;
        }
        if (call.sequence() && call.limit() > 0) {
            call.err().println("capstan: exec takes --sequence or --limit N, not both");
            return Main.USAGE;
        }
        List<Host> hosts = call.hosts();
        if (hosts.isEmpty()) {
            call.err().println("capstan: no host of stage '" + call.config().fetchString("stage") + "' matches"
                    + " (servers: " + call.config().servers().all().size() + "; check --hosts/--roles, HOSTS/ROLES)");
            return Main.FAILED;
        }
        String line = String.join(" ", words); // as ssh joins its command words: quote what must stay one word
        RunMode mode = call.sequence() ? new RunMode.Sequence(Duration.ZERO)
                : call.limit() > 0 ? new RunMode.Groups(call.limit(), Duration.ZERO) : RunMode.PARALLEL;
        Instant start = Instant.now();
        boolean ok = false;
        try (RemoteSession session = call.open(call.dryRun() ? "pretty" : "grouped")) { // a dry run shows each command
            AdHocRun run = new AdHocRun(session);
            session.events().on(new Event.RunStarted(start, "capstan " + call.config().fetchString("stage") + " exec -- " + line));
            try (StopOnExit interrupt = new StopOnExit(run, call.err())) {
                ok = run.run(hosts, mode, AdHocRun.Scope.NONE, line);
            } finally {
                session.events().on(new Event.RunFinished(Instant.now(), ok, Duration.between(start, Instant.now())));
            }
        }
        return ok ? Main.OK : Main.FAILED;
    }
}
