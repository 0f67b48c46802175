package dev.capstan.output;

import dev.capstan.remote.event.Event;

/** Opens the output a run asked for. */
public final class Outputs {
    private Outputs() {}

    public static Output open(OutputOptions options) {
        return new Output() {
            @Override
            public void on(Event event) {
                if (event instanceof Event.CommandStarted s && s.command().verbosity().atLeast(options.logLevel())) {
                    synchronized (options.out()) {
                        options.out().println("  INFO [" + s.command().id() + "] Running " + s.command().summary() + " on " + s.host().label());
                    }
                } else if (event instanceof Event.LogMessage m && m.level().atLeast(options.logLevel())) {
                    synchronized (options.out()) {
                        options.out().println(m.level() + " " + m.message());
                    }
                }
            }

            @Override
            public void close() {
                options.out().flush();
            }
        };
    }
}
