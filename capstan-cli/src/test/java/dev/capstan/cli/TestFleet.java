package dev.capstan.cli;

import dev.capstan.remote.backend.ssh.EmbeddedSshServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scaffolded project whose stage {@code qa} has real SSH hosts: one embedded MINA server per name on loopback,
 * reached by name through an ssh_config file (web1 -> 127.0.0.1:PORT), with known host keys and a client key.
 * {@link #capstan} runs the real CLI entry point in the project and keeps what it printed.
 */
public final class TestFleet implements AutoCloseable {
    public final Path dir;
    public final Path project;
    public final Map<String, EmbeddedSshServer> hosts = new LinkedHashMap<>();
    public String out;
    public String err;

    /** @param servers name -> roles, e.g. {@code web1 -> "web"}, {@code db1 -> "db"} */
    public TestFleet(Path dir, Map<String, String> servers) throws IOException {
        this.dir = dir;
        this.project = Files.createDirectories(dir.resolve("project"));
        StringBuilder sshConfig = new StringBuilder();
        StringBuilder stage = new StringBuilder();
        Path known = dir.resolve("known_hosts");
        java.security.KeyPair client = null;
        for (Map.Entry<String, String> s : servers.entrySet()) {
            EmbeddedSshServer server = EmbeddedSshServer.builder(dir.resolve("host-" + s.getKey())).clientKeyPair(client).start();
            client = server.clientKeyPair();
            hosts.put(s.getKey(), server);
            server.writeKnownHosts(known);
            sshConfig.append("Host ").append(s.getKey()).append("\n  HostName 127.0.0.1\n  Port ").append(server.port()).append('\n');
            stage.append("server '").append(s.getKey()).append("', roles: ").append(roles(s.getValue())).append('\n');
        }
        Files.writeString(dir.resolve("ssh_config"), sshConfig);
        Path key = hosts.values().iterator().next().clientKey();
        stage.append("set 'deploy_to', '").append(dir.resolve("srv/app")).append("'\n");
        stage.append("set 'ssh_options', [config: '").append(dir.resolve("ssh_config")).append("', keys: ['").append(key)
                .append("'], keys_only: true, use_agent: false, user_known_hosts_file: '").append(known).append("']\n");
        if (capstan("install", "--stages", "qa") != 0) throw new IllegalStateException("install failed: " + err);
        Files.writeString(project.resolve("config/deploy/qa.groovy"), stage);
    }

    private static String roles(String spec) {
        List<String> quoted = new ArrayList<>();
        for (String r : spec.split(",")) quoted.add("'" + r.strip() + "'");
        return quoted.toString();
    }

    /** Runs {@code capstan ARGS} in the project; the exit status, with {@link #out} and {@link #err} kept. */
    public int capstan(String... args) {
        CliRun run = CliRun.in(project, args);
        out = run.out();
        err = run.err();
        return run.status();
    }

    @Override
    public void close() {
        hosts.values().forEach(EmbeddedSshServer::close);
    }
}
