package dev.capstan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real node HTTP server under pm2 (from the npm registry, installed once for the class into the fleet's directory;
 * skipped with the reason when npm cannot fetch it) on 3 real sshd hosts, each with its own pm2 daemon, reloaded in
 * groups of 2 from the ecosystem file in {@code current}: each host's app gets a new pid and serves the new release
 * (health check over its unix socket), its pm2 daemon stays, and the second group is reloaded after the first.
 */
@Timeout(400)
class FleetPm2IT {
    static final String SOCKET = "front/shared/front.sock";
    static Fleet fleet;
    static Path project;

    @BeforeAll
    static void start() throws Exception {
        ServiceFleet.assumeCommands("nodejs npm curl", "node", "npm", "curl");
        fleet = Fleet.startOrSkip(3);
        Path tools = fleet.root.resolve("tools");
        Files.createDirectories(tools);
        Path log = fleet.root.resolve("npm.log");
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent", "pm2@5").directory(tools.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = npm.waitFor(180, TimeUnit.SECONDS);
        if (!done) npm.destroyForcibly().waitFor();
        assumeTrue(done && npm.exitValue() == 0, () -> "pm2 could not be installed from the npm registry: " + (done ? read(log) : "timed out after 180 s"));
        project = ServiceFleet.project(fleet, "front",
                "set 'restart_in', 'groups'",
                "set 'restart_limit', 2",
                "service 'front', role: 'app', type: 'pm2', ecosystem: 'ecosystem.config.js', pm2: 'env PM2_HOME=/srv/front/shared/pm2 "
                        + tools.resolve("node_modules/.bin/pm2") + "'",
                "health 'front', http: 'http://localhost/', socket: '/srv/front/shared/front.sock', release: true, timeout: 20, interval: 1");
    }

    @AfterAll
    static void stop() {
        ServiceFleet.end(fleet); // the pm2 daemon and its app on each host
    }

    /** A node server on the host's unix socket answering its version and the release it runs in. */
    static String server(String version) {
        return "const fs = require('fs'), path = require('path'), sock = process.env.SOCK;\n"
                + "try { fs.unlinkSync(sock); } catch (e) {} // a socket left by the process pm2 replaced\n"
                + "require('http').createServer((q, s) => s.end('" + version + " release=' + path.basename(process.cwd()) + '\\n')).listen(sock);\n";
    }

    @Test
    void aReloadFromCurrentGivesEveryHostANewProcessOnTheNewReleaseGroupByGroup() throws Exception {
        fleet.commit("ecosystem.config.js", "module.exports = { apps: [{ name: 'front', script: 'server.js', cwd: '/srv/front/current', "
                + "env: { SOCK: '/srv/front/shared/front.sock' } }] }\n", "pm2");
        fleet.commit("server.js", server("v1"), "v1");
        Projects.succeeded(Projects.capstan(fleet, project, "e2e", "deploy"));
        String first = ServiceProbe.current(fleet.hosts.get(0), "front");
        Map<String, Long> apps = new HashMap<>();
        Map<String, Long> daemons = new HashMap<>();
        for (FleetHost h : fleet.hosts) {
            assertThat(ServiceProbe.get(h, SOCKET)).isEqualTo("v1 release=" + first);
            apps.put(h.name, app(h));
            daemons.put(h.name, daemon(h));
            assertThat(ServiceProbe.releaseOf(app(h))).isEqualTo(first);
        }

        fleet.commit("server.js", server("v2"), "v2");
        Shell.Result deploy = Projects.capstan(fleet, project, "e2e", "deploy");
        Projects.succeeded(deploy);
        assertThat(deploy.out()).contains("(group 1 of 2)", "(group 2 of 2)");
        String second = ServiceProbe.current(fleet.hosts.get(0), "front");
        Map<String, Instant> started = new HashMap<>();
        for (FleetHost h : fleet.hosts) {
            long pid = app(h);
            assertThat(pid).as(h.name + "'s app was reloaded").isNotEqualTo(apps.get(h.name));
            assertThat(ProcessHandle.of(apps.get(h.name))).as(h.name + "'s old app process is gone").isEmpty();
            assertThat(daemon(h)).as(h.name + "'s pm2 daemon stays").isEqualTo(daemons.get(h.name));
            assertThat(ServiceProbe.releaseOf(pid)).as(h.name + "'s app runs in the new release").isEqualTo(second);
            assertThat(ServiceProbe.get(h, SOCKET)).isEqualTo("v2 release=" + second);
            started.put(h.name, ProcessHandle.of(pid).orElseThrow().info().startInstant().orElseThrow());
        }
        assertThat(started.get("h3")).as("h3 (group 2) was reloaded after group 1").isAfter(started.get("h1")).isAfter(started.get("h2"));
    }

    /** The app's pid, from the pid file pm2 keeps for it. */
    private static long app(FleetHost h) throws Exception {
        return ServiceProbe.pid(h, "front/shared/pm2/pids/front-0.pid");
    }

    private static long daemon(FleetHost h) throws Exception {
        return ServiceProbe.pid(h, "front/shared/pm2/pm2.pid");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }
}
