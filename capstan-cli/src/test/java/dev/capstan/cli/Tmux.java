package dev.capstan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real terminal for tests: a private tmux server (its own socket, ended by {@link #close}) with one window running
 * a command; keys go in with send-keys, the screen comes back with capture-pane.
 */
public final class Tmux implements AutoCloseable {
    private final String socket = "capstan-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    /** Whether tmux is installed (the terminal tests skip without it). */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "tmux"))) return true;
        }
        return false;
    }

    /** Starts {@code shellCommand} in a 160x50 window, in {@code dir}. */
    public Tmux(Path dir, String shellCommand) throws IOException, InterruptedException {
        tmux("new-session", "-d", "-x", "160", "-y", "50", "-c", dir.toString(), shellCommand);
    }

    /** Types text literally (no key names). */
    public void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "0", "-l", text);
    }

    /** Presses keys by tmux name: Enter, Tab, Up, C-c, C-d. */
    public void press(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "0"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /**
     * Types a line and Enter, then waits (at most 30 s) for the next prompt: a last line ending in {@code "> "}.
     * Typing ahead while a command runs would go to the terminal in cooked mode, not to the line editor.
     */
    public String enter(String line) throws IOException, InterruptedException {
        int before = lines(screen());
        type(line);
        press("Enter");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String s = screen();
        while (!(lines(s) > before && prompt(lastLine(s))) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = screen();
        }
        if (!(lines(s) > before && prompt(lastLine(s)))) throw new AssertionError("no new prompt after '" + line + "' in 30 s; the terminal shows:\n" + s);
        return s;
    }

    private static int lines(String screen) {
        return screen.stripTrailing().split("\n").length;
    }

    private static boolean prompt(String line) {
        return line.endsWith("> ") && !line.startsWith("│");
    }

    private static String lastLine(String screen) {
        String[] lines = screen.stripTrailing().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1] + " ";
    }

    /** Changes the window's size, as a user dragging the terminal's corner would. */
    public void resize(int columns, int rows) throws IOException, InterruptedException {
        tmux("resize-window", "-t", "0", "-x", String.valueOf(columns), "-y", String.valueOf(rows));
    }

    /** The screen and the scroll-back, as text. */
    public String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", "0");
    }

    /** Waits (at most {@code seconds}) until the screen contains {@code text}; returns the screen then. */
    public String await(String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String s = screen();
        while (!s.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = screen();
        }
        if (!s.contains(text)) throw new AssertionError("the terminal never showed '" + text + "' in " + seconds + " s; it shows:\n" + s);
        return s;
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            tmux("kill-server");
        } catch (IOException alreadyGone) {
            // the server ends by itself when its last window closes
        }
    }
}
