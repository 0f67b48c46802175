package dev.capstan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.remote.Host;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerListTest {
    private final ServerList servers = new ServerList();

    private static List<String> names(List<Host> hosts) {
        return hosts.stream().map(Host::getHostname).toList();
    }

    @Test
    void theSameHostDeclaredTwiceIsOneHostWithBothRolesAndMergedProperties() {
        servers.server("web1", Map.of("roles", List.of("web"), "labels", List.of("a"), "opts", Map.of("x", 1)));
        servers.role("app", List.of("web1", "app1"), Map.of());
        servers.server("web1", Map.of("labels", List.of("b"), "opts", Map.of("y", 2), "user", "deploy"));
        assertThat(servers.all()).hasSize(2);
        Host web1 = servers.all().get(0).toHost();
        assertThat(web1.getRoles()).containsExactly("web", "app");
        assertThat(web1.fetch("labels")).isEqualTo(List.of("a", "b"));
        assertThat(web1.fetch("opts")).isEqualTo(Map.of("x", 1, "y", 2));
        assertThat(web1.getUser()).isEqualTo("deploy");
    }

    @Test
    void aDifferentPortIsADifferentServer() {
        servers.server("web1:2222", Map.of("roles", List.of("web")));
        servers.server("web1", Map.of("roles", List.of("web")));
        assertThat(servers.all()).hasSize(2);
    }

    @Test
    void rolesFilterByRoleRegexAndProperties() {
        servers.server("web1", Map.of("roles", List.of("web"), "primary", true));
        servers.server("web2", Map.of("roles", List.of("web"), "no_release", true));
        servers.server("db1", Map.of("roles", List.of("db")));
        assertThat(names(servers.roles(List.of("web"), Map.of()))).containsExactly("web1", "web2");
        assertThat(names(servers.roles(List.of("all"), Map.of()))).containsExactly("web1", "web2", "db1");
        assertThat(names(servers.roles(List.of("/^d/"), Map.of()))).containsExactly("db1");
        assertThat(names(servers.roles(List.of("web", "db"), Map.of("filter", "primary")))).containsExactly("web1");
        assertThat(names(servers.roles(List.of("web"), Map.of("exclude", "primary")))).containsExactly("web2");
        assertThat(names(servers.releaseRoles(List.of("all")))).containsExactly("web1", "db1");
    }

    @Test
    void primaryIsTheMarkedServerElseTheFirst() {
        servers.server("db1", Map.of("roles", List.of("db")));
        servers.server("db2", Map.of("roles", List.of("db"), "primary", true));
        servers.server("web1", Map.of("roles", List.of("web")));
        assertThat(servers.primary("db").getHostname()).isEqualTo("db2");
        assertThat(servers.primary("web").getHostname()).isEqualTo("web1");
        assertThat(servers.primary("cache")).isNull();
    }

    @Test
    void reservedAndBadRolesAreNamed() {
        assertThatThrownBy(() -> servers.server("web1", Map.of("roles", List.of("all")))).hasMessageContaining("'all'").hasMessageContaining("web1");
        assertThatThrownBy(() -> servers.server("web1", Map.of("roles", List.of("we b")))).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> servers.server("web1", Map.of("port", 22))).hasMessageContaining("web1:22");
    }
}
