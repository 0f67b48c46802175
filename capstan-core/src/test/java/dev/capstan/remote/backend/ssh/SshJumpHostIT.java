package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Host;
import dev.capstan.remote.Remote;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.event.EventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A host reached through a bastion (proxy_jump), both real embedded SSH servers. */
class SshJumpHostIT {
    static final String USER = System.getProperty("user.name");

    @TempDir Path tmp;

    @Test
    void aHostIsReachedThroughTheJumpHost() throws Exception {
        try (EmbeddedSshServer bastion = EmbeddedSshServer.builder(tmp.resolve("bastion")).allowForwarding(true).start();
             EmbeddedSshServer inner = EmbeddedSshServer.builder(tmp.resolve("inner")).address("127.0.0.2")
                     .clientKeyPair(bastion.clientKeyPair()).start()) {
            Path knownHosts = tmp.resolve("known_hosts");
            bastion.writeKnownHosts(knownHosts);
            inner.writeKnownHosts(knownHosts);
            Map<String, Object> options = new HashMap<>(SshBackendIT.options(bastion, knownHosts));
            Host innerHost = new Host(inner.host(), inner.port(), USER, Set.of(), Map.of(),
                    Map.of("proxy_jump", USER + "@" + bastion.host() + ":" + bastion.port()));
            try (SshBackend backend = new SshBackend(SshSettings.fromOptions(options), EventListener.NONE, null)) {
                Remote r = new Remote(innerHost, backend, RemoteSettings.defaults(), EventListener.NONE, null);
                assertThat(r.capture("echo", "inside")).isEqualTo("inside");
                assertThat(r.capture("echo", "again")).isEqualTo("again");
                Path f = tmp.resolve("via jump");
                r.upload("through the bastion".getBytes(), f.toString());
                assertThat(Files.readString(f)).isEqualTo("through the bastion");
            }
            assertThat(bastion.forwardings()).as("the bastion forwarded the connection").isEqualTo(1);
            assertThat(bastion.sessionsOpened()).isEqualTo(1);
            assertThat(inner.sessionsOpened()).isEqualTo(1);
            // the inner server saw its client arrive from the bastion's forwarding, not from a direct connection
        }
    }

    @Test
    void aGlobalProxyJumpAppliesToEveryServerAndABastionThatRefusesForwardingIsNamed() throws Exception {
        try (EmbeddedSshServer bastion = EmbeddedSshServer.builder(tmp.resolve("strict")).allowForwarding(false).start();
             EmbeddedSshServer inner = EmbeddedSshServer.builder(tmp.resolve("inner2")).address("127.0.0.2")
                     .clientKeyPair(bastion.clientKeyPair()).start()) {
            Path knownHosts = tmp.resolve("known_hosts2");
            bastion.writeKnownHosts(knownHosts);
            inner.writeKnownHosts(knownHosts);
            Map<String, Object> options = new HashMap<>(SshBackendIT.options(bastion, knownHosts));
            options.put("proxy_jump", USER + "@" + bastion.host() + ":" + bastion.port());
            options.put("timeout", 5);
            try (SshBackend backend = new SshBackend(SshSettings.fromOptions(options), EventListener.NONE, null)) {
                Remote r = new Remote(new Host(inner.host(), inner.port(), USER, Set.of(), Map.of(), Map.of()),
                        backend, RemoteSettings.defaults(), EventListener.NONE, null);
                assertThatThrownBy(() -> r.execute("true")).isInstanceOf(RemoteException.class)
                        .hasMessageContaining("cannot connect to " + USER + "@127.0.0.2:" + inner.port()
                                + " (via " + USER + "@127.0.0.1:" + bastion.port() + ")");
            }
            assertThat(inner.sessionsOpened()).isZero();
        }
    }

    @Test
    void anUnknownJumpHostKeyIsRefused() throws Exception {
        try (EmbeddedSshServer bastion = EmbeddedSshServer.builder(tmp.resolve("b3")).allowForwarding(true).start();
             EmbeddedSshServer inner = EmbeddedSshServer.builder(tmp.resolve("i3")).address("127.0.0.2")
                     .clientKeyPair(bastion.clientKeyPair()).start()) {
            Path knownHosts = inner.writeKnownHosts(tmp.resolve("known_hosts3")); // the bastion's key is missing
            Map<String, Object> options = new HashMap<>(SshBackendIT.options(bastion, knownHosts));
            options.put("proxy_jump", USER + "@" + bastion.host() + ":" + bastion.port());
            try (SshBackend backend = new SshBackend(SshSettings.fromOptions(options), EventListener.NONE, null)) {
                Remote r = new Remote(new Host(inner.host(), inner.port(), USER, Set.of(), Map.of(), Map.of()),
                        backend, RemoteSettings.defaults(), EventListener.NONE, null);
                assertThatThrownBy(() -> r.execute("true")).isInstanceOf(RemoteException.class)
                        .hasMessageContaining("[127.0.0.1]:" + bastion.port())
                        .hasMessageContaining("is not in " + knownHosts);
            }
            assertThat(bastion.forwardings()).isZero();
        }
    }

    @Test
    void optionsAreListedWhenOneIsUnknown() {
        assertThatThrownBy(() -> SshSettings.fromOptions(Map.of("proxyjump", "x")))
                .hasMessage("unknown ssh option 'proxyjump'; valid options: " + String.join(", ", new java.util.TreeSet<>(SshSettings.OPTIONS)));
        assertThat(List.copyOf(SshSettings.OPTIONS)).contains("proxy_jump");
    }
}
