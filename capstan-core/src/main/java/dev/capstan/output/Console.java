package dev.capstan.output;

import java.io.PrintStream;

/**
 * Writes whole lines to a stream, one synchronized write per line so lines from parallel hosts never tear,
 * every line masked. Keeps an optional status line at the bottom of a terminal, erased before other output.
 */
final class Console {
    private final PrintStream out;
    private final Masker masker;
    private final boolean color;
    private String status;

    Console(PrintStream out, Masker masker, boolean color) {
        this.out = out;
        this.masker = masker;
        this.color = color;
    }

    synchronized void line(String text) {
        clearStatus();
        out.println(masker.mask(text));
        if (status != null) out.print(status);
        out.flush();
    }

    /** Text without a line break (the dot formatter). */
    synchronized void raw(String text) {
        out.print(masker.mask(text));
        out.flush();
    }

    /** Replaces the status line (terminal only); null removes it. */
    synchronized void status(String text) {
        clearStatus();
        status = text == null ? null : "\r" + masker.mask(text);
        if (status != null) out.print(status);
        out.flush();
    }

    String paint(String text, String ansi) {
        return color ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }

    void flush() {
        synchronized (this) {
            clearStatus();
            status = null;
            out.flush();
        }
    }

    private void clearStatus() {
        if (status != null) out.print("\r\u001b[2K");
    }
}
