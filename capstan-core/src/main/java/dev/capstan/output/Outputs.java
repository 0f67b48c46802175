package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens the output a run asked for: a console formatter (concise, pretty, dot or json), the live status
 * line on a terminal, the log file at full detail and the HTML report. Every event is masked once (secret
 * values, URL passwords) before any of them sees it; a failing part (a full disk) never stops the run.
 */
public final class Outputs {
    public static final List<String> FORMATS = List.of("concise", "pretty", "dot", "json", "grouped");

    private Outputs() {}

    public static Output open(OutputOptions options) {
        return open(options, ZoneId.systemDefault());
    }

    /** {@code zone} is the time zone of the log file's START banner. */
    public static Output open(OutputOptions options, ZoneId zone) {
        String format = options.format() == null ? "concise" : options.format().strip().toLowerCase(Locale.ROOT);
        if (format.equals("airbrussh")) format = "concise";
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("unknown format '" + options.format() + "' (use " + String.join(", ", FORMATS) + ")");
        }
        Masker masker = new Masker(options.secrets());
        LogFile log = options.logFile() == null ? null : new LogFile(options.logFile(), masker, zone, LogFile.ROTATE_BYTES);
        boolean concise = format.equals("concise");
        Console console = new Console(options.out(), options.err() == null ? options.out() : options.err(), masker,
                options.color(), concise ? options.columns() : 0);
        List<EventListener> parts = new ArrayList<>();
        if (log != null) parts.add(log);
        parts.add(switch (format) {
            case "pretty" -> new PrettyFormatter(console, options.logLevel(), true);
            case "dot" -> new DotFormatter(console);
            case "grouped" -> new GroupedFormatter(console, options.logLevel());
            case "json" -> new JsonFormatter(console);
            default -> new ConciseFormatter(console, options.logLevel(), new FailureSummary(options.logFile()));
        });
        // what runs for a while is shown: on a terminal in the status line, else as a line now and then
        // (it also says when a download onto this machine starts and ends, as an INFO line of the format)
        String infoPrefix = concise ? "      " : PrettyFormatter.prefix(console, Verbosity.INFO, null);
        LiveStatus live = concise || format.equals("pretty") ? new LiveStatus(console, options.terminal(), options.logLevel(), infoPrefix) : null;
        if (live != null) parts.add(live);
        HtmlReport report = options.report() == null ? null : new HtmlReport(options.report());
        if (report != null) parts.add(report);
        PrintStream warnings = options.err() == null ? options.out() : options.err();
        return new MaskedOutput(masker, parts, warnings, () -> {
            if (live != null) live.close();
            console.flush();
            if (log != null) log.close();
            if (report != null) report.close();
        });
    }

    /** Masks each event once, then hands it to every part in order; one event at a time. */
    private static final class MaskedOutput implements Output {
        private final Masker masker;
        private final List<EventListener> parts;
        private final Runnable closer;
        private final PrintStream warnings;
        private boolean warned;

        MaskedOutput(Masker masker, List<EventListener> parts, PrintStream warnings, Runnable closer) {
            this.warnings = warnings;
            this.masker = masker;
            this.parts = List.copyOf(parts);
            this.closer = closer;
        }

        @Override
        public synchronized void on(Event event) {
            masker.refresh();
            Event masked = masker.mask(event);
            for (EventListener part : parts) {
                try {
                    part.on(masked);
                } catch (RuntimeException e) {
                    if (!warned) warnings.println("capstan: output failed (" + e + "); the run goes on");
                    warned = true;
                }
            }
        }

        @Override
        public synchronized void close() {
            closer.run();
        }
    }
}
