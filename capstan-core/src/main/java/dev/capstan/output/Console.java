package dev.capstan.output;

import java.io.PrintStream;

/**
 * Writes whole lines to a stream, one synchronized write per line so lines from parallel hosts never tear,
 * every line masked (then cut to the terminal width, if any, so a cut never reveals part of a secret).
 * Keeps an optional status line at the bottom of a terminal, erased before any other line and drawn again after.
 */
final class Console {
    static final String RED = "0;31", GREEN = "0;32", YELLOW = "0;33", BLUE = "0;34", BLACK = "0;30";
    static final String BOLD_RED = "1;31", BOLD_GREEN = "1;32", BOLD_YELLOW = "1;33";
    private static final String ERASE = "\r\u001b[2K";

    private final PrintStream out;
    private final PrintStream err;
    private final Masker masker;
    private final boolean color;
    private final int width;
    private String status;

    Console(PrintStream out, Masker masker, boolean color) {
        this(out, out, masker, color, 0);
    }

    /** {@code width} > 0 cuts long lines (a terminal in concise mode). */
    Console(PrintStream out, PrintStream err, Masker masker, boolean color, int width) {
        this.out = out;
        this.err = err;
        this.masker = masker;
        this.color = color;
        this.width = width;
    }

    void line(String text) {
        String shown = TerminalText.truncate(masker.mask(text), width);
        synchronized (out) {
            clearStatus();
            out.print(shown + "\n" + (status == null ? "" : status));
            out.flush();
        }
    }

    /** A line for the error stream (the failure summary), never cut. */
    void errorLine(String text) {
        String shown = masker.mask(text);
        synchronized (out) {
            clearStatus();
            out.flush();
            synchronized (err) {
                err.print(shown + "\n");
                err.flush();
            }
            if (status != null) out.print(status);
            out.flush();
        }
    }

    /** Text without a line break (the dot formatter). */
    void raw(String text) {
        String shown = masker.mask(text);
        synchronized (out) {
            out.print(shown);
            out.flush();
        }
    }

    /** Replaces the status line (terminal only); null removes it. */
    void status(String text) {
        synchronized (out) {
            clearStatus();
            status = text == null ? null : TerminalText.truncate(masker.mask(text), width > 0 ? width - 1 : 0);
            if (status != null) out.print(status);
            out.flush();
        }
    }

    String paint(String text, String ansi) {
        return color ? "\u001b[" + ansi + ";49m" + text + "\u001b[0m" : text;
    }

    void flush() {
        synchronized (out) {
            clearStatus();
            status = null;
            out.flush();
        }
    }

    private void clearStatus() {
        if (status != null) out.print(ERASE);
    }
}
