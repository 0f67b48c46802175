package dev.capstan.cli.doctor;

import dev.capstan.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan STAGE doctor} against real SSH hosts (embedded MINA sshd running real shell commands) and real git. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DoctorIT {
    @TempDir Path tmp;
    Path project;
    Path key;
    Path knownHosts;
    KeyPair keyPair;
    final List<TestSshHost> hosts = new ArrayList<>();
    String out;
    String err;

    @BeforeEach
    void setUp() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x")); // the hosts' user must get in
        project = Files.createDirectories(tmp.resolve("project"));
        key = tmp.resolve("id_test");
        keyPair = TestSshHost.clientKey(key);
        knownHosts = tmp.resolve("known_hosts");
        write("Capfile", "use 'deploy'\nuse 'scm/git'\n");
        write("lib/capstan/tasks/custom.groovy", "task('custom') { if (fetch('custom_flag')) { on(roles('app')) { execute 'true' } } }\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (TestSshHost h : hosts) h.close();
    }

    private TestSshHost host(Path extraPath) throws Exception {
        TestSshHost h = new TestSshHost(tmp.resolve("host" + hosts.size()), keyPair, extraPath);
        h.trust(knownHosts);
        hosts.add(h);
        return h;
    }

    private void write(String path, String content) throws Exception {
        Path p = project.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private String deployConfig(String repo, Path deployTo) {
        return "set 'application', 'shop'\n"
                + "set 'repo_url', '" + repo + "'\n"
                + "set 'deploy_to', '" + deployTo + "'\n"
                + "set 'ssh_options', [keys: ['" + key + "'], user_known_hosts_file: '" + knownHosts + "', verify_host_key: 'always', use_agent: false]\n"
                + "append 'doctor_tools', 'capstan-test-tool'\n";
    }

    private int capstan(Map<String, String> env, String... args) {
        dev.capstan.cli.CliRun r = dev.capstan.cli.CliRun.in(project, env, args);
        out = r.out();
        err = r.err();
        return r.status();
    }

    private Path repo() throws Exception {
        Path r = tmp.resolve("repo.git");
        Shell.run(tmp, "git", "init", "-q", "--bare", r.toString());
        Path work = tmp.resolve("work");
        Shell.run(tmp, "git", "clone", "-q", r.toString(), work.toString());
        Files.writeString(work.resolve("README"), "hi\n");
        Shell.run(work, "git", "-c", "user.name=t", "-c", "user.email=t@t", "add", "README");
        Shell.run(work, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
        Shell.run(work, "git", "push", "-q", "origin", "HEAD:master");
        if (TestSshHost.ROOT) Shell.run(tmp, "chown", "-R", "65534:65534", r.toString()); // git refuses repositories of other users
        return r;
    }

    private Path toolDir() throws Exception {
        Path bin = TestSshHost.dir(tmp.resolve("bin"), false);
        Path tool = bin.resolve("capstan-test-tool");
        Files.writeString(tool, "#!/bin/sh\ntrue\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void aHealthyHostPassesEveryCheck() throws Exception {
        TestSshHost web = host(toolDir());
        write("config/deploy.groovy", deployConfig(repo().toString(), TestSshHost.dir(tmp.resolve("www"), true).resolve("shop")));
        write("config/deploy/qa.groovy", "server '127.0.0.1:" + web.port() + "', user: 'deploy', roles: ['app', 'web']\n");

        assertThat(capstan(Map.of("LANG", "C.UTF-8"), "qa", "doctor")).as(out + err).isZero();
        String row = out.lines().filter(l -> l.startsWith("deploy@127.0.0.1:" + web.port() + " ")).findFirst().orElseThrow();
        assertThat(row).contains("✔").doesNotContain("✘");
        assertThat(out).contains("✔ auth: publickey", "✔ host key: known", "will be created", "✔ repo: ", "✔ tools: ",
                "PATH=" + tmp.resolve("bin"), "✔ clock: ", "GB free", "- forwarding: forward_agent is off", "All checks passed.");
    }

    @Test
    void brokenHostsFailWithAFixEachAndExitOne() throws Exception {
        TestSshHost a = host(toolDir());
        TestSshHost b = host(null); // the tool is not on this host's PATH
        Path locked = TestSshHost.dir(tmp.resolve("locked"), false);
        write("config/deploy.groovy", deployConfig(tmp.resolve("no-such-repo.git").toString(), locked));
        write("config/deploy/qa.groovy", "server '127.0.0.1:" + a.port() + "', user: 'deploy', roles: ['app']\n"
                + "server '127.0.0.1:" + b.port() + "', user: 'deploy', roles: ['app']\n");

        assertThat(capstan(Map.of("LANG", "C"), "qa", "doctor")).as(out + err).isEqualTo(1);
        assertThat(out).doesNotContain("✘", "✔").contains("FAIL deploy_to: " + locked + " is not writable by",
                "fix: sudo chown -R", "FAIL repo: " + tmp.resolve("no-such-repo.git") + " is not reachable from the host",
                "FAIL tools: not on the non-login PATH: capstan-test-tool", "Some checks failed.");
        String section = out.substring(out.indexOf("deploy@127.0.0.1:" + a.port() + "\n"), out.indexOf("deploy@127.0.0.1:" + b.port() + "\n"));
        assertThat(section).contains("ok tools: ");

        assertThat(capstan(Map.of(), "qa", "doctor", "--format", "json")).isEqualTo(1);
        assertThat(out).contains("\"host\":\"deploy@127.0.0.1:" + b.port() + "\",\"checks\":[{\"name\":\"reachable\",\"status\":\"ok\"",
                "{\"name\":\"tools\",\"status\":\"fail\",\"detail\":\"not on the non-login PATH: capstan-test-tool", "\"ok\":false");
    }

    @Test
    void agentForwardingThatDoesNotReachTheHostAndSudoThatAsksAPasswordFail() throws Exception {
        TestSshHost web = host(toolDir());
        write("config/deploy.groovy", deployConfig(repo().toString(), TestSshHost.dir(tmp.resolve("www"), true))
                .replace("use_agent: false]", "use_agent: false, forward_agent: true]"));
        write("lib/capstan/tasks/restart.groovy", "task('restart') { on(roles('app')) { as_user('www-data') { execute 'touch', 'x' } } }\n");
        write("config/deploy/qa.groovy", "server '127.0.0.1:" + web.port() + "', user: 'deploy', roles: ['app']\n");
        assertThat(capstan(Map.of("LANG", "C.UTF-8"), "qa", "doctor")).isEqualTo(1);
        assertThat(out).contains("✘ forwarding: no SSH_AUTH_SOCK on the host", "fix: start an agent and ssh-add your key locally",
                "✘ sudo: ", "NOPASSWD");
    }

    @Test
    void anUnreachableHostIsNamedAndItsOtherChecksSkipped() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        write("config/deploy.groovy", deployConfig("/nowhere", tmp));
        write("config/deploy/qa.groovy", "server '127.0.0.1:" + closed + "', user: 'deploy', roles: ['app']\n");
        assertThat(capstan(Map.of("LANG", "en_US.UTF-8"), "qa", "doctor")).isEqualTo(1);
        assertThat(out).contains("✘ reachable: cannot connect to deploy@127.0.0.1:" + closed + ": Connection refused",
                "fix: check the host name, port and firewall", "- auth: not connected");
    }

    @Test
    void anUnknownHostKeyFailsWithHowToAcceptIt() throws Exception {
        TestSshHost web = new TestSshHost(tmp.resolve("stranger"), keyPair, null);
        hosts.add(web);
        Files.writeString(knownHosts, "");
        write("config/deploy.groovy", deployConfig("/nowhere", tmp));
        write("config/deploy/qa.groovy", "server '127.0.0.1:" + web.port() + "', user: 'deploy', roles: ['app']\n");
        assertThat(capstan(Map.of("LANG", "C.UTF-8"), "qa", "doctor")).isEqualTo(1);
        assertThat(out).contains("✔ reachable: port open", "✘ host key: ", "is not in " + knownHosts, "fix: ", "ssh-keyscan -p " + web.port());
    }

    @Test
    void variablesShowWhereTheyWereSetAndUnknownNamesGetTheNearestKnownOne() throws Exception {
        write("config/deploy.groovy", "set 'application', 'shop'\n"
                + "set 'keep_release', 3\n"
                + "set 'custom_flag', true\n"
                + "set 'api_token', 's3cr3t-token-value'\n"
                + "secret 'api_token'\n"
                + "ask 'db_password', null, echo: false\n"
                + "notify 'webhook', url: 'https://hooks.example/x?token=zzz-secret'\n");
        write("config/deploy/qa.groovy", "server 'web1.example', user: 'deploy', roles: ['app', 'web'], my_property: 'my_value'\n"
                + "set 'log_level', 'debug'\n");
        assertThat(capstan(Map.of(), "doctor", "KEEP=1")).isZero();
        assertThat(out).contains("Give a stage to check its hosts");

        assertThat(capstan(Map.of(), "doctor", "--format", "json")).isZero();
        assertThat(out).contains("{\"name\":\"application\",\"value\":\"\\\"shop\\\"\",\"origin\":\"config/deploy.groovy:1\"}",
                "{\"name\":\"keep_release\",\"origin\":\"config/deploy.groovy:2\",\"nearest\":\"keep_releases\"}",
                "{\"name\":\"keep_releases\",\"value\":\"5\",\"origin\":\"default of plugin 'deploy'\"}")
                .doesNotContain("s3cr3t-token-value", "\"name\":\"custom_flag\",\"origin\"", "capstan_notifiers", "zzz-secret");
        assertThat(out).contains("{\"name\":\"api_token\",\"value\":\"[REDACTED]\"", "{\"name\":\"db_password\",\"value\":\"<ask>\"");
    }

    @Test
    void anArtifactIsFetchedFromTheHostAsADeployWouldAndAMissingOneFails() throws Exception {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/builds/", ex -> {
            byte[] body = "tgz bytes".getBytes(StandardCharsets.UTF_8);
            boolean found = ex.getRequestURI().getPath().endsWith("/shop-1.tgz");
            ex.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
            if (found) ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        try {
            TestSshHost web = host(toolDir());
            write("Capfile", "use 'deploy'\nuse 'scm/artifact'\n");
            String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/builds/";
            String config = deployConfig("unused", TestSshHost.dir(tmp.resolve("www"), true).resolve("shop"))
                    + "set 'artifact_sha256', '" + "ab".repeat(32) + "'\n";
            write("config/deploy/qa.groovy", "server '127.0.0.1:" + web.port() + "', user: 'deploy', roles: ['app']\n");
            write("config/deploy.groovy", config + "set 'artifact_url', '" + base + "shop-1.tgz'\n");
            assertThat(capstan(Map.of("LANG", "C.UTF-8"), "qa", "doctor")).as(out + err).isZero();
            assertThat(out).contains("✔ repo: " + base + "shop-1.tgz answers");
            write("config/deploy.groovy", config + "set 'artifact_url', '" + base + "gone.tgz'\n");
            assertThat(capstan(Map.of("LANG", "C.UTF-8"), "qa", "doctor")).as(out + err).isEqualTo(1);
            assertThat(out).contains("✘ repo: " + base + "gone.tgz answered HTTP 404 to the host");
        } finally {
            http.stop(0);
        }
    }
}
