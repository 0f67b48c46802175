package dev.capstan.cli.adhoc;

import dev.capstan.cli.RemoteSession;
import dev.capstan.remote.Backend;
import dev.capstan.remote.Block;
import dev.capstan.remote.Command;
import dev.capstan.remote.CommandBuilder;
import dev.capstan.remote.Ending;
import dev.capstan.remote.Host;
import dev.capstan.remote.OnFailedException;
import dev.capstan.remote.Remote;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.Verbosity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one line of shell on hosts for {@code exec} and the console: every host runs it whatever the others do
 * (a failure stops nobody), inside an optional directory and as an optional user, and {@link #stop} ends it on
 * every host still running it: {@link Backend#abort} with {@link Ending#INTERRUPT}, the way a deploy's commands are
 * ended, but INT first, as the user's Ctrl-C would reach a program they started in a terminal.
 */
public final class AdHocRun {
    /** Where and as whom a line runs: {@code within} and {@code as}, either may be null. */
    public record Scope(String within, String user) {
        public static final Scope NONE = new Scope(null, null);
    }

    private final RemoteSession session;
    private final Map<Host, Command> running = new ConcurrentHashMap<>();

    public AdHocRun(RemoteSession session) {
        this.session = session;
    }

    /** Runs {@code line} on {@code hosts}; true when it exited 0 on every one of them. */
    public boolean run(List<Host> hosts, RunMode mode, Scope scope, String line) {
        AtomicBoolean allOk = new AtomicBoolean(true);
        try {
            session.coordinator().on(hosts, mode, remote -> onHost(remote, scope, line, allOk), false);
        } catch (OnFailedException e) {
            return false; // each host's error is already in the output, under its name
        }
        return allOk.get();
    }

    private void onHost(Remote remote, Scope scope, String line, AtomicBoolean allOk) throws Exception {
        Block body = () -> {
            Command c = new CommandBuilder(session.coordinator().settings().commandMap())
                    .build(List.of(line), remote.context(), Verbosity.INFO, false);
            running.put(remote.host(), c);
            try {
                if (!remote.run(c).success()) allOk.set(false);
            } finally {
                running.remove(remote.host());
            }
        };
        Block asUser = scope.user() == null ? body : () -> remote.as(scope.user(), body);
        if (scope.within() == null) asUser.run();
        else remote.within(scope.within(), asUser);
    }

    /** Ends the line on every host still running it (from another thread: Ctrl-C); returns when each host was told. */
    public void stop() {
        List<Map.Entry<Host, Command>> now = new ArrayList<>(running.entrySet());
        if (now.isEmpty()) return;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(now.size(), 16), r -> {
            Thread t = new Thread(r, "capstan-stop");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Map.Entry<Host, Command> e : now) {
                sent.add(pool.submit(() -> session.backendFor(e.getKey()).abort(e.getKey(), e.getValue(), Ending.INTERRUPT)));
            }
            for (Future<?> f : sent) {
                try {
                    f.get(15, TimeUnit.SECONDS);
                } catch (Exception unreachable) {
                    // that host's connection is gone or slow: its command ends with the connection, or not at all
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
