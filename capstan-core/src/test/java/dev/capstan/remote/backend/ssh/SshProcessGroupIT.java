package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Command;
import dev.capstan.remote.CommandBuilder;
import dev.capstan.remote.CommandContext;
import dev.capstan.remote.CommandMap;
import dev.capstan.remote.CommandResult;
import dev.capstan.remote.CommandTimeoutException;
import dev.capstan.remote.Ending;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.OnFailedException;
import dev.capstan.remote.Remote;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.EventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A timed-out or interrupted command is ended on the host with everything it started (its process group): no
 * {@code sleep} is left running there. Against MINA's server (commands in a session of their own, as sshd runs them)
 * and a real OpenSSH sshd. The "host" is this machine, so {@code pgrep} sees what is left. An interrupt of a typed line
 * ({@link Ending#INTERRUPT}) sends INT first.
 */
class SshProcessGroupIT {
    @TempDir Path tmp;

    /** A command that starts a child in the background and waits on another: two sleeps only this test runs. */
    private static String twoSleeps(int n, String marker) {
        return "touch " + marker + "; sleep " + n + " & sleep " + (n + 1) + "; echo never";
    }

    private static int unusualSeconds() { return 7000 + ThreadLocalRandom.current().nextInt(2000); }

    /** Waits (bounded) until no process runs {@code sleep n} or {@code sleep n+1}; returns what is still there. */
    private static String leftAfterWaiting(int n) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String left;
        do {
            Process p = new ProcessBuilder("pgrep", "-af", "sleep (" + n + "|" + (n + 1) + ")").redirectErrorStream(true).start();
            left = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            if (left.isEmpty()) return "";
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return left;
    }

    private void bothWays(Function<Host, SshBackend> backendFor, Host host) throws Exception {
        try (SshBackend backend = backendFor.apply(host)) {
            Remote r = new Remote(host, backend, RemoteSettings.defaults(), EventListener.NONE, null);
            int n = unusualSeconds();
            assertThatThrownBy(() -> r.execute(Map.of("timeout", 1), twoSleeps(n, tmp.resolve("t").toString())))
                    .isInstanceOf(CommandTimeoutException.class);
            assertThat(leftAfterWaiting(n)).as("nothing of the timed-out command is left on the host").isEmpty();
            assertThat(r.capture("echo", "usable")).isEqualTo("usable");

            int m = unusualSeconds();
            Path marker = tmp.resolve("started");
            try (Coordinator c = new Coordinator(h -> backend, RemoteSettings.defaults(), EventListener.NONE)) {
                Thread stopper = new Thread(() -> {
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    while (!Files.exists(marker) && System.nanoTime() < deadline) Thread.onSpinWait();
                    c.stop("capstan was interrupted (SIGTERM)");
                });
                stopper.start();
                assertThatThrownBy(() -> c.on(List.of(host), RunMode.PARALLEL, rr -> rr.execute(twoSleeps(m, marker.toString()))))
                        .isInstanceOf(OnFailedException.class)
                        .hasMessageContaining("was ended on the host (capstan was interrupted (SIGTERM))");
                stopper.join();
                assertThat(leftAfterWaiting(m)).as("nothing of the interrupted command is left on the host").isEmpty();
                // the same connection releases the lock afterwards
                c.on(List.of(host), RunMode.PARALLEL, rr -> assertThat(rr.capture("echo", "unlocked")).isEqualTo("unlocked"));
            }
            anInterruptSendsIntFirst(backend, host);
        }
    }

    /**
     * Ctrl-C passed on to a typed line (exec, console): INT first, which the line may trap to clean up, then TERM for
     * what ignores INT (a shell's background jobs do); a line that does not trap it exits 130, as a shell reports it.
     */
    private void anInterruptSendsIntFirst(SshBackend backend, Host host) throws Exception {
        int n = unusualSeconds();
        Path started = tmp.resolve("trap-started");
        Path got = tmp.resolve("got");
        CommandResult trapped = runAndInterrupt(backend, host, started, "trap 'echo INT > " + got + "; exit 9' INT; touch " + started
                + "; sleep " + n + " & sleep " + (n + 1) + " & wait");
        assertThat(trapped.exitStatus()).as("the trap ran and chose the status").isEqualTo(9);
        assertThat(got).content().isEqualToIgnoringNewLines("INT");
        assertThat(leftAfterWaiting(n)).as("TERM ended the background sleeps, which ignore INT").isEmpty();

        Path execd = tmp.resolve("exec-started");
        CommandResult plain = runAndInterrupt(backend, host, execd, "touch " + execd + "; exec sleep " + (n + 3));
        assertThat(plain.exitStatus()).isEqualTo(130);
    }

    private static CommandResult runAndInterrupt(SshBackend backend, Host host, Path started, String line) throws Exception {
        Command c = new CommandBuilder(new CommandMap()).build(List.of(line), CommandContext.EMPTY, Verbosity.INFO, false);
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(started) && System.nanoTime() < deadline) Thread.onSpinWait();
            backend.abort(host, c, Ending.INTERRUPT);
        });
        stopper.start();
        CommandResult r = backend.run(host, c, (stream, data) -> null);
        stopper.join();
        return r;
    }

    @Test
    @Timeout(90)
    void onMinaSshd() throws Exception {
        try (EmbeddedSshServer server = EmbeddedSshServer.start(tmp.resolve("server"))) {
            Path knownHosts = server.writeKnownHosts(tmp.resolve("known_hosts"));
            bothWays(h -> new SshBackend(SshSettings.fromOptions(SshBackendIT.options(server, knownHosts)), EventListener.NONE, null),
                    SshBackendIT.host(server));
        }
    }

    @Test
    @Timeout(90)
    void onOpenSsh() throws Exception {
        assumeTrue(OpenSshServer.available(), "needs root and /usr/sbin/sshd (apt-get install openssh-server) to start a real sshd");
        try (OpenSshServer.WithClient sshd = OpenSshServer.WithClient.start(tmp, 10)) {
            // the deploy user must be able to write the marker
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            bothWays(h -> new SshBackend(sshd.settings(), EventListener.NONE, null), sshd.host());
        }
    }
}
