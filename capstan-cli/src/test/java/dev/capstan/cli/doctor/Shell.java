package dev.capstan.cli.doctor;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a local process for test set-up and fails loudly if it fails. */
final class Shell {
    private Shell() {}

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
        }
        if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
}
