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

/** Connects and authenticates one {@link SshTarget}; every failure names the host and the cause. */
final class ConnectionOpener {
    private final SshClients clients;

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
            session = client.connect(target.entry(), null, null).verify(timeout).getSession();
            session.auth().verify(timeout);
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
        if (session != null && session.isOpen() && !session.isAuthenticated()) {
            return new RemoteException(host, "authentication failed for " + label + via
                    + " (tried: " + target.profile().triedMethods() + ")", e);
        }
        Throwable root = rootCause(e);
        String cause;
        if (root instanceof ConnectException) cause = "Connection refused";
        else if (root instanceof UnknownHostException) cause = "unknown host " + root.getMessage();
        else if (root instanceof NoRouteToHostException) cause = "No route to host";
        else if (String.valueOf(e.getMessage()).toLowerCase().contains("timeout") || String.valueOf(e.getMessage()).contains("timed out")) {
            cause = "no answer within " + target.settings().effectiveTimeout().toMillis() / 1000.0 + " s (ssh option timeout)";
        } else if (session != null && !session.isAuthenticated() && String.valueOf(e.getMessage()).contains("No more authentication methods")) {
            return new RemoteException(host, "authentication failed for " + label + via + " (tried: " + target.profile().triedMethods() + ")", e);
        } else cause = root.getClass().getSimpleName() + ": " + root.getMessage();
        return new RemoteException(host, "cannot connect to " + label + via + ": " + cause, e);
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

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }
}
