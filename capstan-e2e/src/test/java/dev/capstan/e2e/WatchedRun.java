package dev.capstan.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bin/capstan ... --format json} run whose event stream is read as it comes: when the n-th
 * {@code task_started} of the watched task arrives, the trigger fires on the reading thread, before any later
 * line is read (the run itself goes on; the fault lands within about a millisecond of the event).
 */
final class WatchedRun {
    /** Fires once, at the {@code occurrence}-th start (1-based) of {@code task}. */
    record Trigger(String task, int occurrence, java.util.function.Consumer<Process> action) {}

    final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Path stderr;
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile boolean fired;
    private volatile Instant aimedAt;
    private volatile Instant dealtAt;

    private WatchedRun(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    static WatchedRun start(Fleet fleet, Path project, Path stderr, Trigger trigger, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Projects.REPO_ROOT.resolve("bin/capstan").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--format", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(Projects.env(fleet));
        Process p = pb.start();
        p.getOutputStream().close();
        WatchedRun run = new WatchedRun(p, stderr);
        Thread reader = new Thread(() -> run.read(trigger), "watch-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        return run;
    }

    private void read(Trigger trigger) {
        int seen = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (trigger != null && !fired && JsonEvents.is(line, "task_started")
                        && trigger.task().equals(JsonEvents.field(line, "task")) && ++seen == trigger.occurrence()) {
                    fired = true;
                    aimedAt = Instant.now();
                    trigger.action().accept(process);
                    dealtAt = Instant.now();
                }
            }
        } catch (IOException ignored) {
            // the process died (kill -9): its stream ends
        } finally {
            drained.countDown();
        }
    }

    /** The exit status, or -1 after {@code seconds} (the run is then killed: a hang is a finding, not a wait). */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.toHandle().destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            drained.await(5, TimeUnit.SECONDS);
            return -1;
        }
        drained.await(10, TimeUnit.SECONDS);
        return process.exitValue();
    }

    boolean fired() { return fired; }

    /**
     * The last task that had started when the fault was dealt (events carry Capstan's clock, the same as ours):
     * under load the run may have gone a few folded steps past the watched event by the time it was read.
     */
    String landedAfter() {
        String last = null;
        for (String l : lines()) if (JsonEvents.is(l, "task_started") && !at(l).isAfter(aimedAt)) last = JsonEvents.field(l, "task");
        return last;
    }

    /**
     * Whether {@code task} had started by {@code grace} after the fault had been dealt (a lost host: its sshd had been
     * reaped; a signal: sent, and given {@code grace} for the JVM's signal thread to run the handler).
     */
    boolean startedBeforeFault(String task, java.time.Duration grace) {
        Instant by = dealtAt.plus(grace);
        return lines().stream().anyMatch(l -> JsonEvents.is(l, "task_started") && task.equals(JsonEvents.field(l, "task")) && !at(l).isAfter(by));
    }

    /** How long after the fault had been dealt {@code task} started, in ms, or -1 if it did not start after it. */
    long millisAfterFault(String task) {
        return lines().stream().filter(l -> JsonEvents.is(l, "task_started") && task.equals(JsonEvents.field(l, "task")) && at(l).isAfter(dealtAt))
                .findFirst().map(l -> java.time.Duration.between(dealtAt, at(l)).toMillis()).orElse(-1L);
    }

    private static Instant at(String line) {
        return Instant.parse(JsonEvents.field(line, "at"));
    }

    /**
     * For each task start in order, the id of the next {@code on} block the run started after it ("end" if none):
     * boundaries with the same next block are the same point for the hosts (no command in between).
     */
    List<String> nextBlocks() {
        List<String> out = new ArrayList<>();
        int pending = 0;
        for (String l : lines()) {
            if (JsonEvents.is(l, "task_started")) {
                out.add(null);
                pending++;
            } else if (JsonEvents.is(l, "block_started") && pending > 0) {
                for (int i = out.size() - pending; i < out.size(); i++) out.set(i, JsonEvents.field(l, "block"));
                pending = 0;
            }
        }
        out.replaceAll(b -> b == null ? "end" : b);
        return out;
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The tasks in the order they started (the flow as it actually ran). */
    List<String> tasksStarted() {
        return lines().stream().filter(l -> JsonEvents.is(l, "task_started")).map(l -> JsonEvents.field(l, "task")).toList();
    }

    /** What the run told its user: log messages and stderr (the failure summary), without the command traffic. */
    List<String> messages() throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : lines()) if (JsonEvents.is(l, "log")) out.add(JsonEvents.field(l, "message"));
        if (Files.exists(stderr)) out.addAll(Files.readAllLines(stderr));
        return out;
    }
}
