package dev.capstan.cli.console;

import dev.capstan.cli.Invocation;
import dev.capstan.cli.Main;
import dev.capstan.cli.RemoteSession;
import dev.capstan.cli.adhoc.AdHocRun;
import dev.capstan.cli.adhoc.StopOnExit;
import dev.capstan.config.Configuration;
import dev.capstan.remote.Host;
import dev.capstan.remote.event.Event;
import dev.capstan.task.TaskRunner;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code capstan STAGE console}: an interactive shell over the stage's hosts on JLine (line editing, history in
 * {@code ~/.capstan/history}, completion). Each line runs on every selected host ({@link AdHocRun}); lines starting
 * with {@code :} are the console's own ({@link ColonCommands}). Ctrl-C while a line runs ends it on every host and
 * keeps the console; at the prompt it clears the line; Ctrl-D or {@code :exit} leaves.
 */
public final class ConsoleCommand {
    private ConsoleCommand() {}

    public static int run(Invocation call) throws IOException {
        Configuration config = call.config();
        String stage = config.fetchString("stage");
        List<Host> all = config.servers().all().stream().map(dev.capstan.config.Server::toHost).toList();
        List<Host> selected = call.hosts();
        if (selected.isEmpty()) {
            call.err().println("capstan: no host of stage '" + stage + "' matches (servers: " + all.size() + "; check --hosts/--roles, HOSTS/ROLES)");
            return Main.FAILED;
        }
        ConsoleState state = new ConsoleState(stage, all, selected);
        config.filters().add(state::isSelected); // :task runs on the console's selection too
        Path history = home(call).resolve(".capstan/history");
        Files.createDirectories(history.getParent());
        if (!Files.exists(history)) { // the lines typed are the user's own business: readable by them alone
            Files.createFile(history, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Instant start = Instant.now();
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
             RemoteSession session = call.open(call.dryRun() ? "pretty" : "grouped")) {
            session.events().on(new Event.RunStarted(start, "capstan " + stage + " console"));
            AdHocRun run = new AdHocRun(session);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("capstan")
                    .completer(new ConsoleCompleter(state, call.project().tasks(), config))
                    .variable(LineReader.HISTORY_FILE, history).build();
            AtomicBoolean running = new AtomicBoolean();
            terminal.handle(Terminal.Signal.INT, signal -> {
                if (running.get()) stopInBackground(run, call);
            });
            ColonCommands colon = new ColonCommands(state, config, () -> new TaskRunner(call.project().tasks(), config,
                    session.coordinator(), call.trace() ? call.err()::println : line -> {}, call.err()::println), call.out());
            call.out().println("Capstan console on " + stage + ": " + selected.size() + " of " + all.size()
                    + " hosts selected. A line runs on each of them; :help for more, :exit or Ctrl-D to leave.");
            while (true) {
                String line;
                try {
                    line = reader.readLine(state.prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt: the line is dropped, the console stays
                } catch (EndOfFileException e) {
                    break;
                }
                if (line.isBlank()) continue;
                if (line.strip().startsWith(":")) {
                    if (!colon.run(line)) break;
                    continue;
                }
                running.set(true);
                try (StopOnExit sigterm = new StopOnExit(run, call.err())) {
                    run.run(state.selected(), state.mode(), state.scope(), line);
                } finally {
                    running.set(false);
                }
            }
            reader.getHistory().save();
            session.events().on(new Event.RunFinished(Instant.now(), true, Duration.between(start, Instant.now())));
        }
        return Main.OK;
    }

    /** Ctrl-C while a line runs: tell every host to end it, without holding up the signal's thread. */
    private static void stopInBackground(AdHocRun run, Invocation call) {
        call.err().println("ending the command on every host");
        Thread t = new Thread(run::stop, "capstan-console-stop");
        t.setDaemon(true);
        t.start();
    }

    private static Path home(Invocation call) {
        String h = call.env().get("HOME");
        return Path.of(h == null || h.isBlank() ? System.getProperty("user.home") : h);
    }
}
