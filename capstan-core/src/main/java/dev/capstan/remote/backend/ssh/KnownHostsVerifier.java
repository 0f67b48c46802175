package dev.capstan.remote.backend.ssh;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks host keys against a known_hosts file with a policy: {@code always} refuses unknown and changed
 * keys, {@code accept_new} records unknown keys but refuses changed ones, {@code never} checks nothing.
 * A refusal is remembered per session so the error can say why and how to fix it.
 */
final class KnownHostsVerifier implements ServerKeyVerifier {
    private final Path file;
    private final SshSettings.HostKeyPolicy policy;
    private final Map<ClientSession, String> refusals = new ConcurrentHashMap<>();

    KnownHostsVerifier(Path file, SshSettings.HostKeyPolicy policy) {
        this.file = file;
        this.policy = policy;
    }

    @Override
    public synchronized boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        if (policy == SshSettings.HostKeyPolicy.NEVER) return true;
        String host = hostOf(session, remote);
        int port = portOf(session, remote);
        List<KnownHostEntry> entries = read();
        boolean known = false;
        for (KnownHostEntry e : entries) {
            if (!e.isHostMatch(host, port)) continue;
            known = true;
            try {
                if (KeyUtils.compareKeys(e.getKeyEntry().resolvePublicKey(null, Map.of(), null), key)) return true;
            } catch (IOException | java.security.GeneralSecurityException ignored) {
                // an entry of a key type we cannot read: not a match
            }
        }
        String pattern = port == 22 ? host : "[" + host + "]:" + port;
        String fingerprint = KeyUtils.getFingerPrint(key);
        if (known) {
            refusals.put(session, "the host key of " + pattern + " has CHANGED (now " + fingerprint + "), which " + file
                    + " does not list. This may be an attack, or the host was reinstalled. If you trust the new key, remove the old line with"
                    + " `ssh-keygen -R '" + pattern + "' -f " + file + "` and connect again.");
            return false;
        }
        if (policy == SshSettings.HostKeyPolicy.ACCEPT_NEW) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, pattern + " " + PublicKeyEntry.toString(key) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return true;
            } catch (IOException e) {
                refusals.put(session, "cannot record the new host key of " + pattern + " in " + file + ": " + e.getMessage());
                return false;
            }
        }
        refusals.put(session, "the host key of " + pattern + " (" + fingerprint + ") is not in " + file
                + ". To trust it, add it with `ssh-keyscan -p " + port + " " + host + " >> " + file
                + "` (check the fingerprint first), or set ssh_options verify_host_key: 'accept_new'.");
        return false;
    }

    /** Why this session's host key was refused, or null. */
    String refusal(ClientSession session) {
        return session == null ? null : refusals.remove(session);
    }

    String anyRefusalFor(String host) {
        for (Map.Entry<ClientSession, String> e : refusals.entrySet()) {
            if (e.getValue().contains(host)) return refusals.remove(e.getKey());
        }
        return null;
    }

    private List<KnownHostEntry> read() {
        try {
            return Files.exists(file) ? KnownHostEntry.readKnownHostEntries(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String hostOf(ClientSession s, SocketAddress remote) {
        SocketAddress a = s.getConnectAddress();
        if (a instanceof SshdSocketAddress sa) return sa.getHostName();
        if (a instanceof InetSocketAddress ia) return ia.getHostString();
        return remote instanceof InetSocketAddress ia ? ia.getHostString() : String.valueOf(remote);
    }

    private static int portOf(ClientSession s, SocketAddress remote) {
        SocketAddress a = s.getConnectAddress();
        if (a instanceof SshdSocketAddress sa) return sa.getPort();
        if (a instanceof InetSocketAddress ia) return ia.getPort();
        return remote instanceof InetSocketAddress ia ? ia.getPort() : 22;
    }
}
