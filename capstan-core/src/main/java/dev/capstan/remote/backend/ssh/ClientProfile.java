package dev.capstan.remote.backend.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What must be fixed for a whole MINA client rather than per connection: host-key checking
 * (it runs before a session is handed out), identities (jump hosts authenticate with them too),
 * the agent and the ssh_config file. Hosts with equal profiles share one client.
 */
record ClientProfile(HostKeyPolicy policy, Path knownHosts, List<Path> keys, boolean explicitKeys, String password,
                     Path agentSocket, Path sshConfig, Duration keepalive) {
    /** The authentication methods tried, for "authentication failed ... (tried: ...)". */
    String triedMethods() {
        StringBuilder sb = new StringBuilder();
        for (Path k : keys) sb.append(sb.length() == 0 ? "" : ", ").append(tilde(k));
        if (agentSocket != null) sb.append(sb.length() == 0 ? "" : ", ").append("agent");
        if (password != null) sb.append(sb.length() == 0 ? "" : ", ").append("password");
        return sb.length() == 0 ? "no key, no agent, no password" : sb.toString();
    }

    @Override
    public String toString() {
        return "ClientProfile[" + policy + ", " + knownHosts + ", keys=" + keys + ", agent=" + agentSocket
                + ", password=" + (password == null ? "none" : "[REDACTED]") + "]";
    }

    private static String tilde(Path p) {
        String home = SshSettings.home().toString();
        String s = p.toString();
        return s.startsWith(home + "/") ? "~" + s.substring(home.length()) : s;
    }
}
