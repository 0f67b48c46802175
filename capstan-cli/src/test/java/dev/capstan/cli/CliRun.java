package dev.capstan.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One run of the real CLI entry point in a directory, in this JVM: its exit status and what it printed. */
public record CliRun(int status, String out, String err) {
    public static CliRun in(Path dir, String... args) {
        return in(dir, Map.of(), args);
    }

    /** As {@link #in(Path, String...)}, with {@code env} as the process environment it sees. */
    public static CliRun in(Path dir, Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                dir, env);
        return new CliRun(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
