package dev.capstan.remote.backend.ssh;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks host keys against a known_hosts file with a {@link HostKeyPolicy}. A refusal leaves its
 * reason on the session ({@link #PROBLEM}) so the connect error can say which host, which key and
 * how to accept it. Never MINA's accept-all default.
 */
final class HostKeyVerifier extends KnownHostsServerKeyVerifier {
    /** Why a host key was refused, for the error message. */
    static final AttributeKey<String> PROBLEM = new AttributeKey<>();
    /** How the session's host key was accepted (for doctor). */
    static final AttributeKey<ConnectionFacts.HostKeyCheck> CHECK = new AttributeKey<>();

    private final HostKeyPolicy policy;
    private final Path file;
    private final Map<String, String> problems;

    private HostKeyVerifier(HostKeyPolicy policy, Path file, Map<String, String> problems) {
        super((session, address, key) -> false, file); // unknown keys: acceptUnknownHostKey below decides
        this.policy = policy;
        this.file = file;
        this.problems = problems;
        setModifiedServerKeyAcceptor(this::refuseChanged);
    }

    /** The verifier for a policy: 'never' trusts every key, the others check {@code knownHosts}. */
    /** @param problems receives each refusal by known_hosts host name, for the connect error */
    static ServerKeyVerifier create(HostKeyPolicy policy, Path knownHosts, Map<String, String> problems) {
        if (policy == HostKeyPolicy.NEVER) return (session, address, key) -> {
            session.setAttribute(CHECK, ConnectionFacts.HostKeyCheck.NOT_CHECKED);
            return true;
        };
        return new HostKeyVerifier(policy, knownHosts, problems);
    }

    private void refuse(ClientSession session, String host, String why) {
        session.setAttribute(PROBLEM, why);
        problems.put(host, why);
    }

    /**
     * A key known_hosts (as last read) has no line for. With accept_new it is recorded through {@link KnownHostsFile},
     * which reads the file again under its lock: if another connection or process recorded the host meanwhile, that
     * key is the one to match, and a different one is refused as changed.
     */
    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress address, PublicKey key) {
        if (policy != HostKeyPolicy.ACCEPT_NEW) return refuseUnknown(session, address, key);
        String host = hostToken(session, address);
        try {
            KnownHostEntry entry = prepareKnownHostEntry(session, address, key);
            Collection<SshdSocketAddress> names = resolveHostNetworkIdentities(session, address);
            List<String> known = KnownHostsFile.addUnlessKnown(file, entry.getConfigLine(), line -> matches(line, names));
            resetReloadAttributes(); // the next connection reads the file again
            PublicKey other = null;
            for (String line : known) {
                PublicKey k = keyOf(session, line);
                if (KeyUtils.compareKeys(k, key)) {
                    session.setAttribute(CHECK, ConnectionFacts.HostKeyCheck.ADDED);
                    return true;
                }
                if (k != null) other = k;
            }
            if (known.isEmpty()) {
                session.setAttribute(CHECK, ConnectionFacts.HostKeyCheck.ADDED);
                return true;
            }
            if (other != null) return refuseChanged(session, address, null, other, key);
            refuse(session, host, file + " has lines for " + host + " whose key cannot be read; fix or remove them");
            return false;
        } catch (Exception e) {
            refuse(session, host, "the host key of " + host + " could not be recorded in " + file + " (verify_host_key: 'accept_new'): " + e.getMessage());
            return false;
        }
    }

    private static boolean matches(String line, Collection<SshdSocketAddress> names) {
        try {
            KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
            if (entry == null || entry.getMarker() != null) return false;
            for (SshdSocketAddress n : names) if (entry.isHostMatch(n.getHostName(), n.getPort())) return true;
            return false;
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    private PublicKey keyOf(ClientSession session, String line) {
        try {
            return resolveHostKey(session, KnownHostEntry.parseKnownHostEntry(line), getFallbackPublicKeyEntryResolver());
        } catch (Exception unreadable) {
            return null;
        }
    }

    private boolean refuseUnknown(ClientSession session, SocketAddress address, PublicKey key) {
        String host = hostToken(session, address);
        refuse(session, host, "the host key of " + host + " is not in " + file + " ("
                + KeyUtils.getKeyType(key) + " key " + KeyUtils.getFingerPrint(key) + ").\n"
                + "Check the fingerprint, then accept it by adding this line to " + file + ":\n  "
                + host + " " + PublicKeyEntry.toString(key) + "\n"
                + "(" + keyscan(session, address) + " >> " + file + " does the same), or set verify_host_key: 'accept_new'.");
        return false;
    }

    private boolean refuseChanged(ClientSession session, SocketAddress address, KnownHostEntry entry,
                                  PublicKey expected, PublicKey actual) {
        String host = hostToken(session, address);
        refuse(session, host, "the host key of " + host + " has CHANGED: " + file + " has "
                + KeyUtils.getKeyType(expected) + " key " + KeyUtils.getFingerPrint(expected) + ", the host offered "
                + KeyUtils.getKeyType(actual) + " key " + KeyUtils.getFingerPrint(actual) + ".\n"
                + "This may be an attack (or the host was reinstalled). If you trust the new key, remove the old entry with\n"
                + "  ssh-keygen -R '" + host + "' -f " + file + "\n"
                + "then add the new one (" + keyscan(session, address) + " >> " + file + ").");
        return false;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        boolean ok = super.verifyServerKey(session, remoteAddress, serverKey);
        if (ok && session.getAttribute(CHECK) == null) session.setAttribute(CHECK, ConnectionFacts.HostKeyCheck.KNOWN);
        return ok;
    }

    /**
     * MINA names an IPv6 host by Java's long form ({@code 0:0:0:0:0:0:0:1}); OpenSSH writes known_hosts with the short
     * form ({@code [::1]:2222}), so that form is looked up too.
     */
    @Override
    protected Collection<SshdSocketAddress> resolveHostNetworkIdentities(ClientSession session, SocketAddress remote) {
        Collection<SshdSocketAddress> found = super.resolveHostNetworkIdentities(session, remote);
        List<SshdSocketAddress> out = new ArrayList<>();
        for (SshdSocketAddress a : found) {
            String shortForm = ipv6ShortForm(a.getHostName());
            if (!shortForm.equals(a.getHostName())) out.add(new SshdSocketAddress(shortForm, a.getPort()));
            out.add(a);
        }
        return out;
    }

    /** An IPv6 literal in RFC 5952's short form as OpenSSH prints it ({@code ::1}, {@code fe80::1}); anything else unchanged. */
    static String ipv6ShortForm(String host) {
        if (host == null || !host.contains(":") || !host.matches("[0-9A-Fa-f:.%\\w]+")) return host;
        int pct = host.indexOf('%');
        String literal = pct < 0 ? host : host.substring(0, pct);
        byte[] b;
        try {
            InetAddress ip = InetAddress.getByName(literal); // a literal: no name lookup
            if (!(ip instanceof Inet6Address)) return host;
            b = ip.getAddress();
        } catch (java.net.UnknownHostException e) {
            return host;
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 1; // only a run of two or more zero groups is shortened
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb + (pct < 0 ? "" : host.substring(pct));
    }

    /** The known_hosts name of a host: {@code host} on port 22, {@code [host]:port} otherwise (IPv6 in the short form). */
    static String hostToken(ClientSession session, SocketAddress address) {
        SocketAddress a = session == null || session.getConnectAddress() == null ? address : session.getConnectAddress();
        String name;
        int port;
        if (a instanceof SshdSocketAddress s) {
            name = s.getHostName();
            port = s.getPort();
        } else if (a instanceof InetSocketAddress i) {
            name = i.getHostString();
            port = i.getPort();
        } else {
            return String.valueOf(a);
        }
        name = ipv6ShortForm(name);
        return port == 22 || port <= 0 ? name : "[" + name + "]:" + port;
    }

    private static String keyscan(ClientSession session, SocketAddress address) {
        String token = hostToken(session, address);
        if (token.startsWith("[")) {
            int close = token.lastIndexOf("]:");
            return "ssh-keyscan -p " + token.substring(close + 2) + " " + token.substring(1, close);
        }
        return "ssh-keyscan " + token;
    }
}
