package dev.capstan.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs local programs for the fleet fixture; a failure raises with the program's output. */
final class Shell {
    private Shell() {}

    record Result(int status, String out) {}

    static Result run(Path dir, Map<String, String> env, long timeoutSeconds, List<String> cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) pb.directory(dir.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            return new Result(p.waitFor(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String ok(String... cmd) {
        Result r = run(null, Map.of(), 120, List.of(cmd));
        if (r.status() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed (" + r.status() + "): " + r.out());
        return r.out();
    }

    static String sh(String script) {
        return ok("sh", "-c", script);
    }
}
