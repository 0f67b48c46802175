package dev.capstan.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Runs a program and samples its peak resident memory (VmHWM, kB) from /proc while it runs. */
final class PeakRss {
    record Run(int status, double seconds, long peakKb, String out) {}

    private PeakRss() {}

    static Run run(Path dir, Map<String, String> env, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("bench", ".out");
        pb.redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        AtomicLong peak = new AtomicLong();
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        while (!p.waitFor(15, TimeUnit.MILLISECONDS)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) peak.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                }
            } catch (Exception gone) {
                // the process ended between two samples
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String out = Files.readString(log);
        Files.delete(log);
        return new Run(p.exitValue(), seconds, peak.get(), out);
    }
}
