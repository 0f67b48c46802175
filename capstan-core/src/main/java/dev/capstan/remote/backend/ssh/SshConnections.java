package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Host;
import dev.capstan.remote.RemoteException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One pooled SSH connection per host (per user, port and options): channels are multiplexed over it,
 * never more at once than the server allows (OpenSSH's MaxSessions, 10 by default); an idle connection is
 * closed after {@code idle_timeout}; a dropped one is replaced on next use.
 */
final class SshConnections implements AutoCloseable {
    /** A live connection and its channel budget. */
    static final class Connection {
        final ClientSession session;
        final Semaphore channels;
        final String label;
        volatile long lastUsed = System.nanoTime();
        volatile int inUse;

        Connection(ClientSession session, int maxChannels, String label) {
            this.session = session;
            this.channels = new Semaphore(maxChannels, true);
            this.label = label;
        }
    }

    record Target(String user, String hostname, int port, String proxyJump, List<Path> keys, String password, String label) {}

    private final SshClient client;
    private final KnownHostsVerifier verifier;
    private final Map<String, Connection> pool = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;

    SshConnections(SshClient client, KnownHostsVerifier verifier, java.time.Duration idleTimeout) {
        this.client = client;
        this.verifier = verifier;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capstan-ssh-idle");
            t.setDaemon(true);
            return t;
        });
        long idle = Math.max(1, idleTimeout.toMillis());
        reaper.scheduleWithFixedDelay(() -> closeIdle(idle), idle, Math.min(idle, 5000), TimeUnit.MILLISECONDS);
    }

    /** Where to connect for this host: explicit settings first, then ~/.ssh/config, then defaults. */
    static Target target(Host host, SshSettings s) {
        HostConfigEntry fromConfig = null;
        if (s.sshConfig() != null && Files.isRegularFile(s.sshConfig())) {
            try {
                fromConfig = new ConfigFileHostEntryResolver(s.sshConfig())
                        .resolveEffectiveHost(host.getHostname(), 0, null, null, null, null);
            } catch (IOException e) {
                throw new RemoteException(host, "cannot read ssh config " + s.sshConfig() + ": " + e.getMessage(), e);
            }
        }
        String hostname = fromConfig != null && fromConfig.getHostName() != null ? fromConfig.getHostName() : host.getHostname();
        Integer port = s.port() != null ? s.port() : host.getPort();
        if (port == null) port = fromConfig != null && fromConfig.getPort() > 0 ? fromConfig.getPort() : 22;
        String user = host.getUser() != null ? host.getUser() : s.user();
        if (user == null && fromConfig != null && fromConfig.getUsername() != null && !fromConfig.getUsername().isBlank()) user = fromConfig.getUsername();
        if (user == null) user = System.getProperty("user.name");
        String jump = s.proxyJump() != null ? s.proxyJump() : fromConfig == null ? null : fromConfig.getProxyJump();
        List<Path> keys = new ArrayList<>(s.keys());
        if (keys.isEmpty() && fromConfig != null && fromConfig.getIdentities() != null) {
            fromConfig.getIdentities().forEach(i -> keys.add(SshSettings.path(i)));
        }
        String label = user + "@" + (hostname.contains(":") ? "[" + hostname + "]" : hostname) + ":" + port;
        return new Target(user, hostname, port, jump, keys, s.password(), label);
    }

    Connection get(Host host, SshSettings s) {
        Target t = target(host, s);
        String key = t.label() + "|" + t.proxyJump() + "|" + t.keys();
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Connection c = pool.get(key);
            if (c != null && c.session.isOpen() && !c.session.isClosing()) return c;
            if (c != null) closeQuietly(c);
            Connection fresh = new Connection(connect(host, t, s), Math.max(1, s.maxSessions()), t.label());
            pool.put(key, fresh);
            return fresh;
        }
    }

    /** Drops a connection found broken, so the next use reconnects. */
    void evict(Connection c) {
        pool.values().remove(c);
        closeQuietly(c);
    }

    private ClientSession connect(Host host, Target t, SshSettings s) {
        ClientSession session = null;
        try {
            HostConfigEntry entry = new HostConfigEntry("", t.hostname(), t.port(), t.user(), t.proxyJump());
            session = client.connect(entry, null, null).verify(s.connectTimeout()).getSession();
            List<Path> keyFiles = existing(t.keys(), host);
            if (!keyFiles.isEmpty()) {
                FileKeyPairProvider provider = new FileKeyPairProvider(keyFiles);
                int loaded = 0;
                for (java.security.KeyPair kp : provider.loadKeys(session)) {
                    session.addPublicKeyIdentity(kp);
                    loaded++;
                }
                if (loaded == 0) throw new RemoteException(host, "no usable key in " + keyFiles + " for " + t.label()
                        + " (an encrypted key needs ssh-agent; an ed25519 key needs the eddsa library)");
            }
            if (t.password() != null) session.addPasswordIdentity(t.password());
            session.auth().verify(s.connectTimeout());
            return session;
        } catch (RemoteException e) {
            closeQuietly(session);
            throw e;
        } catch (Exception e) {
            String refused = verifier.refusal(session);
            if (refused == null) refused = verifier.anyRefusalFor(t.hostname());
            closeQuietly(session);
            throw new RemoteException(host, describe(e, t, refused), e);
        }
    }

    private static String describe(Exception e, Target t, String hostKeyRefusal) {
        if (hostKeyRefusal != null) return "host key refused for " + t.label() + ": " + hostKeyRefusal;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = String.valueOf(root.getMessage());
        if (root instanceof ConnectException || msg.contains("Connection refused")) return "cannot connect to " + t.label() + ": Connection refused";
        if (root instanceof UnknownHostException) return "cannot connect to " + t.label() + ": unknown host " + t.hostname();
        if (msg.contains("No more authentication methods") || msg.contains("authentication")) {
            return "authentication failed for " + t.label() + " (tried: " + (t.keys().isEmpty() ? "default keys" : t.keys())
                    + (System.getenv("SSH_AUTH_SOCK") != null ? ", ssh-agent" : "") + (t.password() != null ? ", password" : "") + ")";
        }
        if (msg.contains("timeout") || msg.contains("Timeout") || msg.contains("timed out")) return "cannot connect to " + t.label() + ": timed out";
        return "cannot connect to " + t.label() + ": " + msg;
    }

    private static List<Path> existing(List<Path> keys, Host host) {
        List<Path> out = new ArrayList<>();
        for (Path k : keys) {
            if (!Files.isReadable(k)) throw new RemoteException(host, "ssh key file " + k + " does not exist or is not readable");
            out.add(k);
        }
        return out;
    }

    private void closeIdle(long idleMillis) {
        long now = System.nanoTime();
        for (Connection c : List.copyOf(pool.values())) {
            if (c.inUse == 0 && TimeUnit.NANOSECONDS.toMillis(now - c.lastUsed) > idleMillis) evict(c);
        }
    }

    private static void closeQuietly(Connection c) {
        closeQuietly(c.session);
    }

    private static void closeQuietly(ClientSession s) {
        if (s == null) return;
        try {
            s.close(true);
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        pool.values().forEach(SshConnections::closeQuietly);
        pool.clear();
    }
}
