package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ssh_options parsing and Capistrano's precedence between host, server options, global options and ssh_config. */
class SshSettingsTest {
    @TempDir Path tmp;

    @Test
    void parsesNetSshStyleOptions() {
        SshSettings s = SshSettings.fromOptions(Map.of("user", "deploy", "port", "2222", "keys", List.of("~/.ssh/id_ed25519", "/k2"),
                "forward_agent", false, "verify_host_key", "accept_new", "timeout", 2.5, "keepalive_interval", 5,
                "max_sessions", 4, "pty", true, "idle_timeout", 0));
        assertThat(s.user()).isEqualTo("deploy");
        assertThat(s.port()).isEqualTo(2222);
        assertThat(s.keys()).containsExactly(Path.of(System.getProperty("user.home"), ".ssh/id_ed25519"), Path.of("/k2"));
        assertThat(s.effectiveForwardAgent()).isFalse();
        assertThat(s.effectiveVerifyHostKey()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(s.effectiveTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.effectiveKeepalive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.effectiveMaxSessions()).isEqualTo(4);
        assertThat(s.effectivePty()).isTrue();
        assertThat(s.effectiveIdleTimeout()).isZero();
    }

    @Test
    void defaults() {
        SshSettings d = SshSettings.defaults();
        assertThat(d.effectiveVerifyHostKey()).isEqualTo(HostKeyPolicy.ALWAYS);
        assertThat(d.effectiveMaxSessions()).isEqualTo(10);
        assertThat(d.effectiveIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.effectiveTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.effectiveForwardAgent()).as("as SSHKit").isTrue();
        assertThat(d.effectiveReadConfig()).isTrue();
        assertThat(d.effectiveConfig()).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh/config"));
        assertThat(SshSettings.fromOptions(Map.of("config", false)).effectiveReadConfig()).isFalse();
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> SshSettings.fromOptions(Map.of("forward_agnet", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown ssh option 'forward_agnet'; valid options: ")
                .hasMessageContaining("forward_agent").hasMessageContaining("verify_host_key");
        assertThatThrownBy(() -> SshSettings.fromOptions(Map.of("port", "ssh"))).hasMessage("ssh option 'port' must be a whole number, not 'ssh'");
        assertThatThrownBy(() -> SshSettings.fromOptions(Map.of("verify_host_key", "maybe")))
                .hasMessage("verify_host_key must be 'always', 'accept_new' or 'never', not 'maybe'");
        assertThatThrownBy(() -> SshSettings.fromOptions(Map.of("pty", "sometimes"))).hasMessageContaining("'pty' must be true or false");
    }

    @Test
    void thePasswordIsNeverShown() {
        SshSettings s = SshSettings.fromOptions(Map.of("password", "hunter2"));
        assertThat(s.toString()).doesNotContain("hunter2").contains("[REDACTED]");
        SshTarget t = SshTarget.resolve(Host.parse("web1"), s.merge(Map.of("config", false)), null);
        assertThat(t.toString()).doesNotContain("hunter2");
    }

    @Test
    void precedenceOfUserAndPortAsCapistrano() {
        SshSettings global = SshSettings.fromOptions(Map.of("user", "globaluser", "port", 9999, "config", false,
                "keys", List.of("/k1")));
        // host-string port loses to the global ssh_options port (verified with SSHKit)
        assertThat(SshTarget.resolve(Host.parse("h3:2200"), global, null).label()).isEqualTo("globaluser@h3:9999");
        // the host's user wins over every ssh_options user; server ssh_options win over global ones
        Host h1 = Host.parse("hostuser@h1:2200").withUser("propuser").withSshOptions(Map.of("port", 2300, "keys", List.of("/k2"), "user", "optuser"));
        SshTarget t = SshTarget.resolve(h1, global, null);
        assertThat(t.label()).isEqualTo("propuser@h1:2300");
        assertThat(t.profile().keys()).containsExactly(Path.of("/k2"));
        // without any user: the server's ssh_options user, then the global one, then the local login
        assertThat(SshTarget.resolve(Host.parse("h2").withSshOptions(Map.of("user", "optuser")), global, null).label()).isEqualTo("optuser@h2:9999");
        assertThat(SshTarget.resolve(Host.parse("h2"), SshSettings.fromOptions(Map.of("config", false)), null).label())
                .isEqualTo(System.getProperty("user.name") + "@h2:22");
        // IPv6 labels are bracketed
        assertThat(SshTarget.resolve(Host.parse("deploy@[::1]:2222"), SshSettings.fromOptions(Map.of("config", false)), null).label())
                .isEqualTo("deploy@[::1]:2222");
    }

    @Test
    void sshConfigFillsWhatOptionsLeaveOpen() throws Exception {
        Path config = Files.writeString(tmp.resolve("config"), String.join("\n",
                "Host web1", "  HostName 10.0.0.5", "  User cfguser", "  Port 2201", "  ProxyJump bastion.example.com",
                "  UserKnownHostsFile " + tmp.resolve("kh"), "  StrictHostKeyChecking accept-new", "",
                "Host *", "  User fallback", ""));
        SshSettings global = SshSettings.fromOptions(Map.of("config", config.toString()));
        SshTarget t = SshTarget.resolve(Host.parse("web1"), global, null);
        assertThat(t.label()).isEqualTo("cfguser@10.0.0.5:2201");
        assertThat(t.entry().getProxyJump()).isEqualTo("bastion.example.com");
        assertThat(t.profile().knownHosts()).isEqualTo(tmp.resolve("kh"));
        assertThat(t.profile().policy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        // explicit options beat ssh_config
        SshSettings explicit = SshSettings.fromOptions(Map.of("config", config.toString(), "user", "opt", "port", 22,
                "verify_host_key", "always", "proxy_jump", "other"));
        SshTarget e = SshTarget.resolve(Host.parse("web1"), explicit, null);
        assertThat(e.label()).isEqualTo("opt@10.0.0.5:22");
        assertThat(e.entry().getProxyJump()).isEqualTo("other");
        assertThat(e.profile().policy()).isEqualTo(HostKeyPolicy.ALWAYS);
        // config: false ignores the file
        assertThat(SshTarget.resolve(Host.parse("web1"), SshSettings.fromOptions(Map.of("config", false)), null).label())
                .isEqualTo(System.getProperty("user.name") + "@web1:22");
    }

    @Test
    void jumpHostTokens() {
        assertThat(ConnectionOpener.jumpHostTokens("deploy@bastion:2222, gw,[::1]:22")).containsExactly("[bastion]:2222", "gw", "::1");
        assertThat(ConnectionOpener.jumpHostTokens(null)).isEmpty();
    }

    @Test
    void netSshNamesAreAcceptedOrExplained() {
        SshSettings s = SshSettings.fromOptions(java.util.Map.of("non_interactive", true, "keepalive", true, "compression", false,
                "paranoid", false, "number_of_password_prompts", 0, "keepalive_interval", 15, "auth_methods", java.util.List.of("publickey")));
        assertThat(s.verifyHostKey()).as("paranoid is net-ssh's old verify_host_key").isEqualTo(HostKeyPolicy.NEVER);
        assertThat(s.keepaliveInterval()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(s.allows("password")).isFalse();
        assertThat(SshSettings.fromOptions(java.util.Map.of("verify_host_key", "secure")).verifyHostKey()).as("net-ssh's old name").isEqualTo(HostKeyPolicy.ALWAYS);
        assertThatThrownBy(() -> SshSettings.fromOptions(java.util.Map.of("global_known_hosts_file", "/etc/ssh/ssh_known_hosts")))
                .hasMessageContaining("ssh option 'global_known_hosts_file' has no meaning in Capstan").hasMessageContaining("user_known_hosts_file");
        assertThatThrownBy(() -> SshSettings.fromOptions(java.util.Map.of("send_env", java.util.List.of("LANG")))).hasMessageContaining("default_env");
        assertThatThrownBy(() -> SshSettings.fromOptions(java.util.Map.of("proxy", "x"))).hasMessageContaining("proxy_jump");
        assertThatThrownBy(() -> SshSettings.fromOptions(java.util.Map.of("compression", true))).hasMessageContaining("does not compress");
        assertThatThrownBy(() -> SshSettings.fromOptions(java.util.Map.of("keepalive", false))).hasMessageContaining("keepalive_interval");
        assertThatThrownBy(() -> SshSettings.fromOptions(java.util.Map.of("frobnicate", 1))).hasMessageContaining("unknown ssh option 'frobnicate'");
    }
}
