package dev.capstan.remote;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host strings as SSHKit 1.22+ parses them, including the IPv6 forms 1.21 gets wrong. */
class HostStringTest {
    record Case(String spec, String user, String hostname, Integer port, String label) {}

    @Test
    void parsesEveryForm() {
        List<Case> cases = List.of(
                new Case("web1", null, "web1", null, "web1"),
                new Case("web1.example.com:2222", null, "web1.example.com", 2222, "web1.example.com:2222"),
                new Case("deploy@web1", "deploy", "web1", null, "deploy@web1"),
                new Case("deploy@web1:2222", "deploy", "web1", 2222, "deploy@web1:2222"),
                new Case("10.0.0.5:22", null, "10.0.0.5", 22, "10.0.0.5:22"),
                new Case("::1", null, "::1", null, "[::1]"),
                new Case("2001:db8::1", null, "2001:db8::1", null, "[2001:db8::1]"),
                new Case("[::1]", null, "::1", null, "[::1]"),
                new Case("[::1]:2222", null, "::1", 2222, "[::1]:2222"),
                new Case("deploy@[2001:db8::1]:22", "deploy", "2001:db8::1", 22, "deploy@[2001:db8::1]:22"),
                new Case("deploy@2001:db8::1", "deploy", "2001:db8::1", null, "deploy@[2001:db8::1]"),
                new Case("[fe80::1%eth0]:22", null, "fe80::1%eth0", 22, "[fe80::1%eth0]:22"),
                new Case("  web2:22  ", null, "web2", 22, "web2:22"),
                new Case("user.name-1@host_2", "user.name-1", "host_2", null, "user.name-1@host_2"));
        for (Case c : cases) {
            Host h = Host.parse(c.spec());
            assertThat(h.getUser()).as(c.spec()).isEqualTo(c.user());
            assertThat(h.getHostname()).as(c.spec()).isEqualTo(c.hostname());
            assertThat(h.getPort()).as(c.spec()).isEqualTo(c.port());
            assertThat(h.label()).as(c.spec()).isEqualTo(c.label());
        }
    }

    @Test
    void rejectsWhatIsNotAHostString() {
        for (String bad : new String[] {"", "   ", "a b", "@web1", "web1:port", "web1:22:33x", "[::1]:x", "web1:"}) {
            assertThatThrownBy(() -> Host.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Cannot parse host string");
        }
    }

    @Test
    void identityIsUserHostAndPort() {
        assertThat(Host.parse("deploy@web1:22")).isEqualTo(Host.parse("deploy@web1:22"));
        assertThat(Host.parse("deploy@web1:22")).isNotEqualTo(Host.parse("deploy@web1"));
        assertThat(Host.parse("deploy@web1")).isNotEqualTo(Host.parse("web1"));
        assertThat(Host.parse("web1").withUser("x").getUser()).isEqualTo("x");
    }
}
