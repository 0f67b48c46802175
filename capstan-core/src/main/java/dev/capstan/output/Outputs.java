package dev.capstan.output;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.util.Locale;

/** Opens the output a run asked for: a console formatter, plus the log file (and report) at full detail. */
public final class Outputs {
    private Outputs() {}

    public static Output open(OutputOptions options) {
        Masker masker = new Masker(options.secrets());
        Console console = new Console(options.out(), masker, options.color());
        EventListener formatter = switch (options.format() == null ? "concise" : options.format().toLowerCase(Locale.ROOT)) {
            case "concise", "airbrussh" -> new ConciseFormatter(console, options.logLevel());
            case "pretty" -> new PrettyFormatter(console, options.logLevel());
            case "dot" -> new DotFormatter(console);
            case "json" -> new JsonFormatter(console);
            default -> throw new IllegalArgumentException("unknown format '" + options.format() + "' (use concise, pretty, dot or json)");
        };
        LogFile log = options.logFile() == null ? null : new LogFile(options.logFile(), masker);
        HtmlReport report = options.report() == null ? null : new HtmlReport(options.report(), masker);
        return new Output() {
            @Override
            public void on(Event event) {
                formatter.on(event);
                if (log != null) log.on(event);
                if (report != null) report.on(event);
            }

            @Override
            public void close() {
                console.flush();
                if (log != null) log.close();
                if (report != null) report.close();
            }
        };
    }
}
