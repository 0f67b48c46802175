package dev.capstan.deploy;

import dev.capstan.config.Configuration;
import dev.capstan.plugin.Plugin;
import dev.capstan.plugin.Plugins;
import dev.capstan.remote.Backend;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.remote.event.Event;
import dev.capstan.task.TaskRegistry;
import dev.capstan.task.TaskRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A run of the deploy recipes as the CLI wires it, with local hosts and a real git repository. */
final class DeployHarness implements AutoCloseable {
    final Configuration config = new Configuration();
    final TaskRegistry tasks = new TaskRegistry();
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final Coordinator coordinator;
    /** The harnesses' clock: every run of every harness gets a later time (tests deploy with several harnesses in turn). */
    private static final java.time.Instant CLOCK_START = java.time.Instant.parse("2026-01-01T00:00:00Z");
    private static final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();
    /** The runner of the last run (its run state: {@code DeployRun.of(last)}). */
    TaskRunner last;
    private final Backend backend;

    DeployHarness(Backend backend, String... plugins) {
        this.backend = backend;
        List<Plugin> installed = new ArrayList<>();
        for (String name : plugins) {
            Plugin p = Plugins.find(name).orElseThrow();
            p.defineTasks(tasks);
            p.registerHooks(tasks);
            installed.add(p);
        }
        installed.forEach(p -> p.setDefaults(config));
        coordinator = new Coordinator(h -> backend, RemoteSettings.defaults(), events::add);
    }

    DeployHarness(String... plugins) {
        this(new LocalBackend(), plugins);
    }

    /** Runs tasks in a fresh runner (a new `capstan` process); the configuration is kept. */
    void run(String... taskNames) {
        last = new TaskRunner(tasks, config, coordinator, t -> {}, warnings::add);
        // each run a minute after the one before: a new release name without waiting for the next second
        DeployRun.of(last).clock(java.time.Clock.fixed(CLOCK_START.plusSeconds(60L * runs.incrementAndGet()), java.time.ZoneOffset.UTC));
        last.runAll(List.of(taskNames));
    }

    /** Adds a local "server" with its own deploy directory. */
    void localServer(String name, String... roles) {
        config.servers().server(name, Map.of("roles", List.of(roles.length == 0 ? new String[] {"app"} : roles), "backend", "local"));
    }

    List<String> commandSummaries() {
        return events.stream().filter(e -> e instanceof Event.CommandStarted).map(e -> ((Event.CommandStarted) e).command().summary()).toList();
    }

    @Override
    public void close() {
        coordinator.close();
        backend.close();
    }

    /** A git repository with one commit; returns its path. */
    static Path gitRepo(Path dir, Map<String, String> files) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "master");
        commit(dir, files, "first");
        return dir;
    }

    static void commit(Path repo, Map<String, String> files, String message) throws IOException, InterruptedException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = repo.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        return out.strip();
    }
}
