package dev.capstan.remote.backend.local;

import dev.capstan.remote.Backend;
import dev.capstan.remote.Command;
import dev.capstan.remote.CommandResult;
import dev.capstan.remote.CommandTimeoutException;
import dev.capstan.remote.Ending;
import dev.capstan.remote.Host;
import dev.capstan.remote.InFlight;
import dev.capstan.remote.OutputSink;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.StreamPump;
import dev.capstan.remote.event.Event.Stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands on this machine with {@code /bin/sh -c}; transfers are file copies. */
public final class LocalBackend implements Backend {
    private final InFlight<Process> running = new InFlight<>();

    @Override
    public CommandResult run(Host host, Command command, OutputSink output) {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder("/bin/sh", "-c", command.script()).start();
        } catch (IOException e) {
            throw new RemoteException(host, "cannot start /bin/sh on this machine: " + e.getMessage(), e);
        }
        Ending early = running.start(host, command, p);
        if (early != null) end(p, early); // aborted while it started
        try {
            return wait(host, command, output, p, start);
        } finally {
            running.finish(host, command);
        }
    }

    /** Ends the command and everything it started: each signal of {@code how} in turn, the next to what is left after a grace. */
    @Override
    public void abort(Host host, Command command, Ending how) {
        Process p = running.abort(host, command, how);
        if (p != null) end(p, how);
    }

    private static void end(Process p, Ending how) {
        // taken before the shell dies: its children are then re-parented and no longer its descendants
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        for (String signal : how.signals()) {
            signal(tree, signal);
            long deadline = System.nanoTime() + Ending.GRACE.toNanos();
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (tree.stream().noneMatch(ProcessHandle::isAlive)) return;
        }
    }

    private static void signal(List<ProcessHandle> tree, String signal) {
        if (signal.equals("TERM")) tree.forEach(ProcessHandle::destroy);
        else if (signal.equals("KILL")) tree.forEach(ProcessHandle::destroyForcibly);
        else { // what Java cannot send (INT): kill(1) does
            List<String> kill = new ArrayList<>(List.of("kill", "-" + signal));
            tree.stream().filter(ProcessHandle::isAlive).forEach(h -> kill.add(String.valueOf(h.pid())));
            try {
                new ProcessBuilder(kill).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(Ending.GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // no kill(1): the next signal, which Java sends itself, ends it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CommandResult wait(Host host, Command command, OutputSink output, Process p, long start) {
        OutputStream stdin = p.getOutputStream();
        if (!output.interactive()) closeQuietly(stdin);
        Thread out = pump(p.getInputStream(), Stream.STDOUT, output, stdin);
        Thread err = pump(p.getErrorStream(), Stream.STDERR, output, stdin);
        try {
            if (command.timeout() != null && !p.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                end(p, Ending.TERMINATE);
                throw new CommandTimeoutException(host, command, command.timeout());
            }
            int status = p.waitFor();
            out.join();
            err.join();
            return new CommandResult(host, command, status, "", "", Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            end(p, Ending.TERMINATE);
            Thread.currentThread().interrupt();
            throw new RemoteException(host, "interrupted while running " + command.name(), e);
        } finally {
            closeQuietly(stdin);
        }
    }

    @Override
    public void upload(Host host, InputStream data, long size, String remotePath, TransferListener progress) {
        Path target = Path.of(expandHome(remotePath));
        try (OutputStream out = Files.newOutputStream(target)) {
            long copied = TransferListener.copy(data, out, size, progress);
            progress.progress(copied, size < 0 ? copied : size);
        } catch (IOException e) {
            throw new RemoteException(host, "upload to " + remotePath + " failed: " + e, e);
        }
    }

    @Override
    public void download(Host host, String remotePath, OutputStream out, TransferListener progress) {
        Path source = Path.of(expandHome(remotePath));
        try (InputStream in = Files.newInputStream(source)) {
            long size = Files.size(source);
            TransferListener.copy(in, out, size, progress);
        } catch (IOException e) {
            throw new RemoteException(host, "download of " + remotePath + " failed: " + e, e);
        }
    }


    private static Thread pump(InputStream in, Stream stream, OutputSink sink, OutputStream stdin) {
        Thread t = new Thread(new StreamPump(in, stream, sink, StreamPump.writerTo(stdin)), "capstan-local-" + stream);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String expandHome(String path) {
        if (path.equals("~")) return System.getProperty("user.home");
        if (path.startsWith("~/")) return System.getProperty("user.home") + path.substring(1);
        return path;
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
