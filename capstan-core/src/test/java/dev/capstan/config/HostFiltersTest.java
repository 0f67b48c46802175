package dev.capstan.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.remote.Host;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostFiltersTest {
    private static Host host(String name, String... roles) {
        return new Host(name, null, null, Set.of(roles), Map.of(), Map.of());
    }

    private final List<Host> hosts = List.of(host("web1", "web"), host("web2", "web"), host("db1", "db"));

    private List<String> apply(HostFilters f) {
        return f.apply(hosts).stream().map(Host::getHostname).toList();
    }

    @Test
    void noFilterKeepsEverything() {
        HostFilters f = new HostFilters();
        assertThat(f.isEmpty()).isTrue();
        assertThat(apply(f)).containsExactly("web1", "web2", "db1");
    }

    @Test
    void hostsAreAUnionAndExclusionsRemove() {
        HostFilters f = new HostFilters();
        f.hosts("web1,db1");
        assertThat(apply(f)).containsExactly("web1", "db1");
        HostFilters g = new HostFilters();
        g.hosts("all,!web2");
        assertThat(apply(g)).containsExactly("web1", "db1");
        HostFilters r = new HostFilters();
        r.hosts("^web");
        assertThat(apply(r)).containsExactly("web1", "web2");
    }

    @Test
    void rolesAndHostsIntersect() {
        HostFilters f = new HostFilters();
        f.roles("web");
        f.hosts("web2,db1");
        assertThat(apply(f)).containsExactly("web2");
        HostFilters g = new HostFilters();
        g.roles("/^d/");
        assertThat(apply(g)).containsExactly("db1");
        HostFilters h = new HostFilters();
        h.roles("!db");
        assertThat(apply(h)).containsExactly("web1", "web2");
    }
}
