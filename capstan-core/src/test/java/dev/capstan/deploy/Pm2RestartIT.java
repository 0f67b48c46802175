package dev.capstan.deploy;

import dev.capstan.deploy.service.ServiceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real node HTTP server under pm2 (installed from the npm registry into the test's directory; skipped when that
 * cannot be done): started from an ecosystem file whose cwd is the current path, reloaded with --update-env after the
 * next deploy with a new pid, and serving the new release.
 */
@Timeout(300)
class Pm2RestartIT extends DeployTestBase {
    private Path pm2Home;

    @Override
    String[] plugins() { return new String[] {"deploy", "scm/git", "services"}; }

    @AfterEach
    void stop() throws Exception {
        if (pm2Home == null) return;
        for (String f : List.of("pm2.pid")) {
            Path p = pm2Home.resolve(f);
            if (!Files.exists(p)) continue;
            ProcessHandle.of(Long.parseLong(Files.readString(p).strip())).ifPresent(d -> {
                d.descendants().forEach(ProcessHandle::destroyForcibly);
                d.destroyForcibly();
            });
        }
    }

    @Test
    void aReloadFromCurrentServesTheNewRelease() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v node && command -v npm").start().waitFor() == 0, "node and npm are not installed");
        Path tools = tmp.resolve("tools");
        Files.createDirectories(tools);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent", "pm2@5").directory(tools.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("npm.log").toFile()).start();
        boolean done = npm.waitFor(180, TimeUnit.SECONDS);
        if (!done) npm.destroyForcibly();
        assumeTrue(done && npm.exitValue() == 0, "pm2 could not be installed from the npm registry: " + (done ? Files.readString(tmp.resolve("npm.log")) : "timed out"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        pm2Home = tmp.resolve("pm2-home");
        String server = "require('http').createServer((q, s) => s.end(process.env.GREETING + ' release=' + require('path').basename(process.cwd()) + '\\n'))"
                + ".listen(+process.env.PORT, '127.0.0.1');\n";
        DeployHarness.commit(repo, Map.of("server.js", server, "ecosystem.config.js", "module.exports = { apps: [{ name: 'front', script: 'server.js', cwd: '"
                + deployTo.resolve("current") + "', env: { PORT: '" + port + "', GREETING: process.env.GREETING } }] }\n"), "v1");
        try (DeployHarness h = harness()) {
            h.config.append(ServiceSpec.SERVICES, new LinkedHashMap<>(Map.of("name", "front", "role", "app", "type", "pm2", "ecosystem", "ecosystem.config.js",
                    "pm2", "env PM2_HOME=" + pm2Home + " GREETING=v1 " + tools.resolve("node_modules/.bin/pm2"))));
            h.config.append(ServiceSpec.HEALTH, new LinkedHashMap<>(Map.of("name", "front", "http", "http://127.0.0.1:" + port + "/", "release", true, "timeout", 20)));
            h.run("deploy");
            String first = Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
            assertThat(UnicornRestartIT.get(port)).isEqualTo("v1 release=" + first);
            String pid1 = pm2Pid(tools);

            DeployHarness.commit(repo, Map.of("server.js", server + "// v2\n"), "v2");
            h.config.set(ServiceSpec.SERVICES, List.of(new LinkedHashMap<>(Map.of("name", "front", "role", "app", "type", "pm2", "ecosystem", "ecosystem.config.js",
                    "pm2", "env PM2_HOME=" + pm2Home + " GREETING=v2 " + tools.resolve("node_modules/.bin/pm2")))));
            h.run("deploy");
            String second = Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
            assertThat(UnicornRestartIT.get(port)).as("the reload took the new release and, with --update-env, the new environment").isEqualTo("v2 release=" + second);
            assertThat(pm2Pid(tools)).isNotEqualTo(pid1);
        }
    }

    private String pm2Pid(Path tools) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(tools.resolve("node_modules/.bin/pm2").toString(), "pid", "front");
        pb.environment().put("PM2_HOME", pm2Home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
