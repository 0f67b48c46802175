package dev.capstan.cli.doctor;

import dev.capstan.remote.Host;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.backend.ssh.ConnectionFacts;
import dev.capstan.remote.backend.ssh.SshBackend;

import java.util.List;

/** reachable, auth and host key for one host: one connection attempt, its failure read for which of the three broke. */
final class ConnectionChecks {
    private ConnectionChecks() {}

    /** @return the three checks; the first is FAIL or the host key / auth check is when the host cannot be used */
    static List<Check> of(Host host, SshBackend ssh) {
        if (host.isLocal() || ssh == null) {
            return List.of(Check.ok("reachable", "local (no SSH)"), Check.skipped("auth", "local"), Check.skipped("host key", "local"));
        }
        try {
            ConnectionFacts f = ssh.connect(host);
            return List.of(Check.ok("reachable", f.label()), Check.ok("auth", f.authMethod()), hostKey(f));
        } catch (RemoteException e) {
            String m = String.valueOf(e.getMessage());
            String first = m.lines().findFirst().orElse(m);
            if (m.contains("host key verification failed")) {
                int colon = first.indexOf(": ");
                return List.of(Check.ok("reachable", "port open"), Check.skipped("auth", "not tried"),
                        Check.fail("host key", colon < 0 ? first : first.substring(colon + 2),
                                m.lines().skip(1).reduce((a, b) -> a + "\n" + b).orElse("check the host's key, then add it to known_hosts")));
            }
            if (m.contains("authentication failed")) {
                return List.of(Check.ok("reachable", "port open"),
                        Check.fail("auth", first, "load your key into the agent (ssh-add) or set ssh_options keys: ['~/.ssh/KEY'];"
                                + " the public key must be in ~/.ssh/authorized_keys of that user on the host"),
                        Check.ok("host key", "known"));
            }
            return List.of(Check.fail("reachable", first, "check the host name, port and firewall (try: ssh -v "
                    + host.label() + "); a jump host is set with ssh_options proxy_jump"),
                    Check.skipped("auth", "not connected"), Check.skipped("host key", "not connected"));
        }
    }

    private static Check hostKey(ConnectionFacts f) {
        switch (f.hostKey()) {
            case ADDED:
                return Check.warn("host key", "was unknown; added to known_hosts (verify_host_key: 'accept_new')",
                        "compare the fingerprint in known_hosts with the host's (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)");
            case NOT_CHECKED:
                return Check.warn("host key", "not checked (verify_host_key: 'never')",
                        "set ssh_options verify_host_key: 'always' and add the host's key to known_hosts (ssh-keyscan)");
            default:
                return Check.ok("host key", "known");
        }
    }
}
