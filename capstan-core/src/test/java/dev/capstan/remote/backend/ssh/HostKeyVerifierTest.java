package dev.capstan.remote.backend.ssh;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** known_hosts names as OpenSSH writes them, IPv6 included. */
class HostKeyVerifierTest {
    @Test
    void ipv6LiteralsTakeOpenSshsShortForm() {
        assertThat(HostKeyVerifier.ipv6ShortForm("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(HostKeyVerifier.ipv6ShortForm("::1")).isEqualTo("::1");
        assertThat(HostKeyVerifier.ipv6ShortForm("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(HostKeyVerifier.ipv6ShortForm("2001:db8:0:1:1:1:1:1")).as("a single zero group stays").isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(HostKeyVerifier.ipv6ShortForm("fe80:0:0:0:0:0:0:1%lo")).isEqualTo("fe80::1%lo");
        assertThat(HostKeyVerifier.ipv6ShortForm("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(HostKeyVerifier.ipv6ShortForm("web1.example.com")).isEqualTo("web1.example.com");
        assertThat(HostKeyVerifier.ipv6ShortForm("10.0.0.5")).isEqualTo("10.0.0.5");
    }

    @Test
    void theKnownHostsTokenOfAnIpv6HostIsBracketedShortForm() {
        assertThat(HostKeyVerifier.hostToken(null, new InetSocketAddress("0:0:0:0:0:0:0:1", 2222))).isEqualTo("[::1]:2222");
        assertThat(HostKeyVerifier.hostToken(null, InetSocketAddress.createUnresolved("web1", 22))).isEqualTo("web1");
    }
}
