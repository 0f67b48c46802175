package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Host;
import dev.capstan.remote.RemoteException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Connects and authenticates one {@link SshTarget}; every failure names the host and the cause.
 * At most {@link #CONCURRENT_HANDSHAKES} handshakes run at once: key exchange is CPU-bound, and 200
 * simultaneous ones on a small machine all miss their timeout instead of finishing one after another.
 */
final class ConnectionOpener {
    static final int CONCURRENT_HANDSHAKES = 16;

    private final SshClients clients;
    private final java.util.concurrent.Semaphore handshakes = new java.util.concurrent.Semaphore(CONCURRENT_HANDSHAKES, true);

    ConnectionOpener(SshClients clients) {
        this.clients = clients;
    }

    SshConnection open(Host host, SshTarget target) {
        SshClient client;
        try {
            client = clients.forProfile(target.profile());
        } catch (IllegalArgumentException e) {
            throw new RemoteException(host, "cannot connect to " + target.label() + ": " + e.getMessage(), e);
        }
        Duration timeout = target.settings().effectiveTimeout();
        ClientSession session = null;
        try {
            handshakes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(host, "interrupted while connecting to " + target.label(), e);
        }
        try {
            // one deadline for connect, key exchange and authentication: the timeout is honoured once, not per step
            long deadline = System.nanoTime() + timeout.toNanos();
            session = client.connect(target.entry(), null, null).verify(timeout).getSession();
            session.auth().verify(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            return new SshConnection(session, target.settings().effectiveMaxSessions(), target.label());
        } catch (IOException | RuntimeException e) {
            RemoteException error = explain(host, target, session, e);
            if (session != null) {
                try {
                    session.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            throw error;
        } finally {
            handshakes.release();
        }
    }

    private RemoteException explain(Host host, SshTarget target, ClientSession session, Exception e) {
        String label = target.label();
        String via = target.entry().getProxyJump() == null || target.entry().getProxyJump().isBlank()
                ? "" : " (via " + target.entry().getProxyJump() + ")";
        String hostKeyProblem = session == null ? null : session.getAttribute(HostKeyVerifier.PROBLEM);
        String token = target.entry().getPort() == 22 ? target.entry().getHostName() : "[" + target.entry().getHostName() + "]:" + target.entry().getPort();
        String recorded = clients.takeHostKeyProblem(token);
        for (String hop : jumpHostTokens(target.entry().getProxyJump())) {
            if (recorded == null) recorded = clients.takeHostKeyProblem(hop);
        }
        if (hostKeyProblem == null) hostKeyProblem = recorded;
        if (hostKeyProblem == null && String.valueOf(e.getMessage()).contains("Server key did not validate")) {
            hostKeyProblem = "the host key was refused (" + e.getMessage() + ")";
        }
        if (hostKeyProblem != null) {
            return new RemoteException(host, "host key verification failed for " + label + via + ": " + hostKeyProblem, e);
        }
        Throwable root = rootCause(e);
        if (root instanceof java.util.concurrent.TimeoutException || timedOut(e)) {
            return new NoAnswer(host, "cannot connect to " + label + via + ": no answer within "
                    + timeout(target) + " s (ssh option timeout)", e);
        }
        if (session != null && session.isOpen() && !session.isAuthenticated()) {
            return new RemoteException(host, "authentication failed for " + label + via
                    + " (tried: " + target.profile().triedMethods() + ")", e);
        }
        String cause;
        if (root instanceof ConnectException) cause = "Connection refused";
        else if (root instanceof UnknownHostException) cause = "unknown host " + root.getMessage();
        else if (root instanceof NoRouteToHostException) cause = "No route to host";
        else if (session != null && !session.isAuthenticated() && String.valueOf(e.getMessage()).contains("No more authentication methods")) {
            return new RemoteException(host, "authentication failed for " + label + via + " (tried: " + target.profile().triedMethods() + ")", e);
        } else cause = root.getClass().getSimpleName() + ": " + root.getMessage();
        return new RemoteException(host, "cannot connect to " + label + via + ": " + cause, e);
    }

    /** The host did not answer within the connect timeout: {@link SshBackend} does not wait for it again in this run. */
    static final class NoAnswer extends RemoteException {
        NoAnswer(Host host, String message, Throwable cause) { super(host, message, cause); }
    }

    /** known_hosts names of the hops of a ProxyJump list ({@code user@host:port,...}). */
    static java.util.List<String> jumpHostTokens(String proxyJump) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (proxyJump == null || proxyJump.isBlank()) return out;
        for (String hop : proxyJump.split(",")) {
            String h = hop.trim();
            if (h.startsWith("ssh://")) h = h.substring(6);
            int at = h.lastIndexOf('@');
            if (at >= 0) h = h.substring(at + 1);
            String name = h;
            String port = null;
            if (h.startsWith("[")) {
                int close = h.indexOf(']');
                name = h.substring(1, close);
                if (h.length() > close + 2) port = h.substring(close + 2);
            } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
                name = h.substring(0, h.indexOf(':'));
                port = h.substring(h.indexOf(':') + 1);
            }
            out.add(port == null || port.equals("22") ? name : "[" + name + "]:" + port);
        }
        return out;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("timeout") || m.contains("timed out")) return true;
        }
        return false;
    }

    private static double timeout(SshTarget target) {
        return target.settings().effectiveTimeout().toMillis() / 1000.0;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }
}
