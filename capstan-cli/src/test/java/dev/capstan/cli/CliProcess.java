package dev.capstan.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CLI as its own process (as a user starts it), on the test's class path, in a project directory. */
public final class CliProcess {
    private CliProcess() {}

    /** The command line that starts {@code capstan ARGS}: the JVM running the tests, with its class path. */
    public static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The same as one line of shell, each word quoted, with {@code env} assignments in front (for a tmux window). */
    public static String shellLine(java.util.Map<String, String> env, String... args) {
        StringBuilder sb = new StringBuilder("env");
        env.forEach((k, v) -> sb.append(' ').append(k).append('=').append(quote(v)));
        for (String w : command(args)) sb.append(' ').append(quote(w));
        return sb.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public static Process start(Path dir, Path output, String... args) throws IOException {
        return new ProcessBuilder(command(args)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    }
}
