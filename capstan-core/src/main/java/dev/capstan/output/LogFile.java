package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code log/capstan.log}: every event at full detail in the pretty layout (no colour, never cut), a START
 * banner per run like airbrussh's, appended run after run, rotated at 20 MB keeping one old file
 * ({@code capstan.log.1}).
 */
final class LogFile implements EventListener, AutoCloseable {
    static final long ROTATE_BYTES = 20L * 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);

    private final Path path;
    private final RotatingFileStream stream;
    private final PrintStream file;
    private final Console console;
    private final PrettyFormatter pretty;
    private final ZoneId zone;

    LogFile(Path path, Masker masker, ZoneId zone, long rotateBytes) {
        this.path = path;
        this.zone = zone;
        try {
            stream = new RotatingFileStream(path, rotateBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log file " + path + ": " + e.getMessage(), e);
        }
        file = new PrintStream(stream, false, StandardCharsets.UTF_8);
        console = new Console(file, masker, false);
        pretty = new PrettyFormatter(console, Verbosity.TRACE);
    }

    @Override
    public synchronized void on(Event e) {
        if (e instanceof Event.RunStarted r) {
            String rule = "-".repeat(75);
            pretty.write(Verbosity.INFO, null, rule);
            pretty.write(Verbosity.INFO, null, "START " + STAMP.format(r.at().atZone(zone)) + " " + r.commandLine());
            pretty.write(Verbosity.INFO, null, rule);
        } else if (e instanceof Event.RunFinished r) {
            pretty.write(r.success() ? Verbosity.INFO : Verbosity.ERROR, null, (r.success() ? "FINISHED" : "FAILED")
                    + String.format(Locale.ROOT, " in %.3f seconds", r.duration().toNanos() / 1e9));
        } else if (e instanceof Event.TaskStarted t) {
            pretty.write(Verbosity.DEBUG, null, "Task " + t.task() + " started");
        } else if (e instanceof Event.TaskFinished t && !t.success()) {
            pretty.write(Verbosity.ERROR, null, "Task " + t.task() + " failed");
        } else {
            pretty.on(e);
        }
    }

    @Override
    public synchronized void close() {
        console.flush();
        file.close();
    }
}
