package dev.capstan.cli.ssh;

import dev.capstan.remote.InteractiveTerminal;
import org.jline.terminal.Terminal;

import java.io.InputStream;
import java.io.OutputStream;

/** The local terminal of {@code capstan ssh}, through JLine: raw bytes both ways and the real window size. */
final class JlineTerminal implements InteractiveTerminal {
    private final Terminal terminal;
    private final String type;

    JlineTerminal(Terminal terminal, String type) {
        this.terminal = terminal;
        this.type = type;
    }

    @Override public InputStream input() { return terminal.input(); }
    @Override public OutputStream output() { return terminal.output(); }
    @Override public String type() { return type; }
    @Override public int columns() { return terminal.getWidth() > 0 ? terminal.getWidth() : 80; }
    @Override public int rows() { return terminal.getHeight() > 0 ? terminal.getHeight() : 24; }

    @Override
    public void onResize(Runnable listener) {
        terminal.handle(Terminal.Signal.WINCH, s -> listener.run());
    }
}
