package dev.capstan.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's width in columns, asked of the terminal itself: {@code stty size} on /dev/tty (a few
 * milliseconds, only on a terminal; JLine would cost more classes at every start for the same answer), else
 * {@code $COLUMNS}, else 0 (the output then assumes 80).
 */
final class TerminalWidth {
    private TerminalWidth() {}

    static int columns(Map<String, String> env) {
        File tty = new File("/dev/tty");
        if (tty.canRead()) {
            try {
                Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    int c = parse(answer.substring(answer.indexOf(' ') + 1));
                    if (c > 0) return c;
                }
            } catch (java.io.IOException e) {
                // no stty here: fall back to $COLUMNS
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return parse(env.get("COLUMNS"));
    }

    private static int parse(String s) {
        try {
            int c = Integer.parseInt(String.valueOf(s).trim());
            return c > 10 ? c : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
