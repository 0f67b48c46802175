package dev.capstan.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** capstan STAGE doctor on real OpenSSH hosts: agent forwarding to a git host over SSH, and a deploy_to nobody may write. */
class FleetDoctorIT {
    @WithFleet(2) static Fleet fleet;

    @Test
    void everyCheckPassesOnHostsThatCanDeploy() throws Exception {
        Path p = Projects.capstan(fleet, "doctor", "/srv/doctor", fleet.hosts, "");
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "doctor", "--format", "json");
        assertThat(r.status()).as(r.out()).isZero();
        for (FleetHost h : fleet.hosts) {
            String host = "\"host\":\"" + Fleet.USER + "@" + h.address + ":" + h.port + "\"";
            assertThat(r.out()).as(r.out()).contains(host);
        }
        assertThat(r.out()).contains("{\"name\":\"auth\",\"status\":\"ok\",\"detail\":\"publickey\"}",
                "{\"name\":\"host key\",\"status\":\"ok\",\"detail\":\"known\"}",
                "{\"name\":\"forwarding\",\"status\":\"ok\",\"detail\":\"SSH_AUTH_SOCK=",
                "{\"name\":\"repo\",\"status\":\"ok\",\"detail\":\"" + fleet.repoUrl() + " answers\"}",
                "{\"name\":\"tools\",\"status\":\"ok\"", "\"ok\":true").doesNotContain("\"status\":\"fail\"");
    }

    @Test
    void anUnwritableDeployToAndNoForwardingFailWithTheirFixes() throws Exception {
        Path p = Projects.capstan(fleet, "doctor-broken", "/etc/capstan-doctor", fleet.hosts.subList(0, 1),
                "set 'ssh_options', fetch('ssh_options') + [forward_agent: false]");
        java.util.Map<String, String> env = new java.util.HashMap<>(Projects.env(fleet));
        env.put("LANG", "C.UTF-8"); // ✔/✘ whatever the locale of the machine running the suite
        Shell.Result r = Shell.run(p, env, 300, java.util.List.of(Projects.REPO_ROOT.resolve("bin/capstan").toString(), "e2e", "doctor"));
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("✘ deploy_to: /etc/capstan-doctor does not exist and /etc is not writable by " + Fleet.USER,
                "fix: sudo mkdir -p /etc/capstan-doctor && sudo chown " + Fleet.USER + " /etc/capstan-doctor",
                "- forwarding: forward_agent is off",
                "✘ repo: " + fleet.repoUrl() + " is not reachable from the host: ", "Permission denied (publickey). fatal: Could not read from remote repository.",
                "Some checks failed.");
    }

    @Test
    void aSystemdServiceWithSudoNeedsExactlyItsCommandsAndDoctorPrintsTheLine() throws Exception {
        Path p = Projects.capstan(fleet, "doctor-services", "/srv/doctor", fleet.hosts.subList(0, 1),
                "service 'api', role: 'app', type: 'systemd', unit: 'shop-api', sudo: true");
        java.nio.file.Files.writeString(p.resolve("Capfile"), "use 'deploy'\nuse 'scm/git'\nuse 'services'\n");
        java.util.Map<String, String> env = new java.util.HashMap<>(Projects.env(fleet));
        env.put("LANG", "C.UTF-8");
        Shell.Result r = Shell.run(p, env, 300, java.util.List.of(Projects.REPO_ROOT.resolve("bin/capstan").toString(), "e2e", "doctor"));
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("✘ sudo: refused: /usr/bin/systemctl start shop-api.service",
                "fix: add to /etc/sudoers.d/capstan (check with visudo -c): " + Fleet.USER + " ALL=(root) NOPASSWD: /usr/bin/systemctl start shop-api.service,"
                        + " /usr/bin/systemctl stop shop-api.service, /usr/bin/systemctl restart shop-api.service");
    }
}
