package dev.capstan.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a program and samples, from /proc while it runs, its peak resident memory (VmHWM, kB) and the CPU time
 * it has used (user + system; the last sample before it exits, so at most one sampling period short).
 */
final class PeakRss {
    record Run(int status, double seconds, long peakKb, double cpuSeconds, String out) {}

    private PeakRss() {}

    static Run run(Path dir, Map<String, String> env, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("bench", ".out");
        pb.redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        AtomicLong peak = new AtomicLong();
        java.time.Duration cpu = java.time.Duration.ZERO;
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        while (!p.waitFor(15, TimeUnit.MILLISECONDS)) {
            cpu = p.toHandle().info().totalCpuDuration().orElse(cpu);
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
        return new Run(p.exitValue(), seconds, peak.get(), cpu.toNanos() / 1e9, out);
    }
}
