package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** {@code log/capstan.log}: every event at full detail in the pretty layout, appended per run, rotated at 20 MB. */
final class LogFile implements EventListener, AutoCloseable {
    static final long ROTATE_BYTES = 20L * 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx").withZone(ZoneOffset.UTC);

    private final PrintStream file;
    private final Console console;
    private final PrettyFormatter pretty;

    LogFile(Path path, Masker masker) {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            if (Files.exists(path) && Files.size(path) > ROTATE_BYTES) {
                Files.move(path, path.resolveSibling(path.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            file = new PrintStream(new FileOutputStream(path.toFile(), true), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log file " + path, e);
        }
        console = new Console(file, masker, false);
        pretty = new PrettyFormatter(console, Verbosity.TRACE);
    }

    @Override
    public void on(Event e) {
        if (e instanceof Event.RunStarted r) {
            String rule = "  INFO " + "-".repeat(75);
            console.line(rule);
            console.line("  INFO START " + STAMP.format(r.at()) + " " + r.commandLine());
            console.line(rule);
        } else if (e instanceof Event.RunFinished r) {
            console.line("  INFO " + (r.success() ? "FINISHED" : "FAILED") + " in " + r.duration().toMillis() / 1000.0 + " s");
        } else if (e instanceof Event.HostFinished h && h.error() != null) {
            console.line(" ERROR " + h.host().label() + ": " + h.error().getMessage());
        } else {
            pretty.on(e);
        }
    }

    @Override
    public void close() {
        console.flush();
        file.close();
    }
}
