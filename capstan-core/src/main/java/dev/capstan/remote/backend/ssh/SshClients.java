package dev.capstan.remote.backend.ssh;

import org.apache.sshd.agent.local.LocalAgentFactory;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

import java.nio.file.Files;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Started MINA clients, one per {@link ClientProfile}. */
final class SshClients implements AutoCloseable {
    private final Map<ClientProfile, SshClient> clients = new ConcurrentHashMap<>();
    private final Map<String, String> hostKeyProblems = new ConcurrentHashMap<>();

    SshClient forProfile(ClientProfile profile) {
        return clients.computeIfAbsent(profile, this::start);
    }

    /** Why the key of {@code host} ({@code name} or {@code [name]:port}) was last refused, or null; forgets it. */
    String takeHostKeyProblem(String host) {
        return hostKeyProblems.remove(host);
    }

    static HostConfigEntryResolver resolver(java.nio.file.Path sshConfig) {
        return sshConfig == null || !Files.isRegularFile(sshConfig) ? HostConfigEntryResolver.EMPTY : new ConfigFileHostEntryResolver(sshConfig);
    }

    private SshClient start(ClientProfile p) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(HostKeyVerifier.create(p.policy(), p.knownHosts(), hostKeyProblems));
        client.setHostConfigEntryResolver(resolver(p.sshConfig()));
        List<KeyPair> keys = p.explicitKeys() ? KeyFiles.load(p.keys()) : KeyFiles.loadQuietly(p.keys());
        client.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(keys));
        client.setPasswordIdentityProvider(p.password() == null
                ? PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER : PasswordIdentityProvider.wrapPasswords(p.password()));
        if (p.agentSocket() != null) client.setAgentFactory(new LocalAgentFactory(new UnixAgentClient(p.agentSocket())));
        List<org.apache.sshd.client.auth.UserAuthFactory> auth = client.getUserAuthFactories();
        client.setUserAuthFactories(AuthMethodRecorder.wrap(auth == null || auth.isEmpty() ? SshClient.DEFAULT_USER_AUTH_FACTORIES : auth));
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        if (!p.keepalive().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, p.keepalive());
        }
        CoreModuleProperties.IDLE_TIMEOUT.set(client, java.time.Duration.ZERO);
        client.start();
        return client;
    }

    @Override
    public void close() {
        clients.values().forEach(SshClient::stop);
        clients.clear();
    }
}
