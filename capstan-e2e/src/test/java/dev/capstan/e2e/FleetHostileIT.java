package dev.capstan.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input end to end: an application name, deploy path, branch and linked file with quotes, {@code $} and
 * spaces; host strings with a user and a port, and an IPv6 loopback host {@code deploy@[::1]:PORT}.
 */
class FleetHostileIT {
    static final String APP = "it's $app";
    static final String BRANCH = "feature/it's-$x";
    static final String LINKED = "config/it's a $secret.yml";
    @WithFleet(2) static Fleet fleet;

    @Test
    void quotesDollarsAndSpacesInNamesBranchAndLinkedFilesOnIpv4AndIpv6Hosts() throws Exception {
        List<FleetHost> hosts = new ArrayList<>(fleet.hosts);
        if (Fleet.ipv6Loopback()) {
            hosts.add(fleet.addHostOnIpv6Loopback());
        } else {
            System.out.println("FleetHostileIT: IPv6 is disabled in this kernel (no ::1 in /proc/net/if_inet6); no [::1] host");
        }
        fleet.commit("index.html", "hostile\n", "on a hostile branch");
        fleet.pushBranch(BRANCH);
        String deployTo = "/srv/" + APP;
        Path p = Projects.capstan(fleet, "hostile", "/srv/unused", List.of(), String.join("\n",
                "set 'application', \"it's \\$app\"",
                "set 'deploy_to', \"/srv/${fetch('application')}\"",
                "set 'branch', \"feature/it's-\\$x\"",
                "append 'linked_files', \"config/it's a \\$secret.yml\""));
        List<String> servers = new ArrayList<>();
        for (FleetHost h : hosts) {
            servers.add("server '" + h.spec(Fleet.USER) + "', roles: ['app', 'web']");
            Path linked = h.srv().resolve(APP + "/shared/" + LINKED);
            Files.createDirectories(linked.getParent());
            Files.writeString(linked, "secret of " + h.name + "\n");
            Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, h.srv().toString());
        }
        Projects.stage(p, servers.toArray(new String[0]));
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
        assertThat(r.status()).as(r.out()).isZero();
        for (FleetHost h : hosts) {
            HostState s = HostState.of(h, deployTo);
            assertThat(s.current()).as(h.name).isNotNull();
            assertThat(s.revision()).isEqualTo(fleet.head());
            assertThat(s.revisionLog()).containsExactly("Branch " + BRANCH + " (at " + fleet.head() + ") deployed as release "
                    + s.current() + " by e2e");
            assertThat(s.locked()).isFalse();
            Path release = h.srv().resolve(APP + "/releases/" + s.current());
            assertThat(Files.readString(release.resolve("index.html"))).isEqualTo("hostile\n");
            assertThat(Files.isSymbolicLink(release.resolve(LINKED))).isTrue();
            assertThat(Files.readSymbolicLink(release.resolve(LINKED)).toString()).isEqualTo(deployTo + "/shared/" + LINKED);
            assertThat(Files.readString(h.srv().resolve(APP + "/shared/" + LINKED))).isEqualTo("secret of " + h.name + "\n");
        }
        for (FleetHost h : hosts) {
            if (h.address.equals("::1")) assertThat(r.out()).as("the IPv6 host is named as written").contains("deploy@[::1]:" + h.port);
        }
    }
}
