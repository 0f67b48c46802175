package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Host;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where and how to connect for one host, after applying the precedence of Capistrano:
 * user: host user > server ssh_options > global ssh_options > ssh_config > local login;
 * other options: server ssh_options > global ssh_options > host-string port > ssh_config.
 *
 * @param entry   the MINA connect target (HostName, Port, User, ProxyJump, IdentityFile resolved)
 * @param label   {@code user@host:port} for messages
 */
record SshTarget(Object poolKey, HostConfigEntry entry, SshSettings settings, ClientProfile profile, String label) {

    /** @param agentSocket the ssh-agent to use, or null for none */
    static SshTarget resolve(Host host, SshSettings global, Path agentSocket) {
        SshSettings s = global.overriddenBy(SshSettings.fromOptions(host.getSshOptions()));
        Path configFile = s.effectiveReadConfig() ? s.effectiveConfig() : null;
        HostConfigEntryResolver resolver = SshClients.resolver(configFile);
        Integer port = s.port() != null ? s.port() : host.getPort();
        String user = host.getUser() != null ? host.getUser() : s.user();
        HostConfigEntry entry;
        try {
            entry = resolver.resolveEffectiveHost(host.getHostname(), port == null ? 0 : port, null, user, s.proxyJump(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ssh config " + configFile + ": " + e.getMessage(), e);
        }
        if (entry == null) entry = new HostConfigEntry(host.getHostname(), host.getHostname(), port == null ? 22 : port, user);
        if (entry.getHostName() == null || entry.getHostName().isEmpty()) entry.setHostName(host.getHostname());
        if (port != null) entry.setPort(port);
        if (entry.getPort() <= 0) entry.setPort(22);
        if (user != null) entry.setUsername(user);
        if (entry.getUsername() == null || entry.getUsername().isEmpty()) entry.setUsername(System.getProperty("user.name"));
        if (s.proxyJump() != null) entry.setProxyJump(s.proxyJump());

        HostKeyPolicy policy = s.verifyHostKey() != null ? s.verifyHostKey() : policyFromConfig(entry.getProperty("StrictHostKeyChecking"));
        Path knownHosts = s.userKnownHostsFile() != null ? s.userKnownHostsFile()
                : entry.getProperty("UserKnownHostsFile") != null ? SshSettings.expand(firstWord(entry.getProperty("UserKnownHostsFile")))
                : s.effectiveKnownHostsFile();
        boolean explicitKeys = s.keys() != null;
        boolean keysOnly = Boolean.TRUE.equals(s.keysOnly()) || entry.isIdentitiesOnly();
        List<Path> keys = !s.allows("publickey") ? List.of() : explicitKeys ? s.keys() : keysOnly ? List.of() : KeyFiles.defaults();
        Path agent = keysOnly || !s.effectiveUseAgent() ? null : agentSocket;
        String password = s.allows("password") || s.allows("keyboard-interactive") ? s.password() : null;
        ClientProfile profile = new ClientProfile(policy, knownHosts, keys, explicitKeys, password, agent, configFile,
                s.effectiveKeepalive());
        String label = entry.getUsername() + "@" + bracket(entry.getHostName()) + ":" + entry.getPort();
        Object poolKey = List.of(label, String.valueOf(entry.getProxyJump()), s, profile);
        return new SshTarget(poolKey, entry, s, profile, label);
    }

    private static HostKeyPolicy policyFromConfig(String value) {
        if (value == null) return HostKeyPolicy.ALWAYS;
        try {
            return HostKeyPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            return HostKeyPolicy.ALWAYS; // "ask" and friends: nobody can answer here, so be strict
        }
    }

    private static String firstWord(String s) {
        String t = s.trim();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    private static String bracket(String host) { return host.contains(":") ? "[" + host + "]" : host; }
}
