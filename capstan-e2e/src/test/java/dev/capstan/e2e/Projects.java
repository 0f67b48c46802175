package dev.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Real project directories that deploy to the fleet: a Capstan one (run through bin/capstan) and a Capistrano one (cap). */
final class Projects {
    static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();

    private Projects() {}

    static Path capstan(Fleet f, String name, String deployTo, List<FleetHost> hosts, String extraConfig) throws IOException {
        Path dir = f.root.resolve("capstan-" + name);
        write(dir.resolve("Capfile"), "use 'deploy'\nuse 'scm/git'\n");
        write(dir.resolve("config/deploy.groovy"), String.join("\n",
                "set 'application', 'app'",
                "set 'repo_url', '" + f.repoUrl() + "'",
                "set 'branch', 'main'",
                "set 'deploy_to', '" + deployTo + "'",
                "set 'local_user', 'e2e'",
                "set 'ssh_options', [keys: ['" + f.clientKey + "'], user_known_hosts_file: '" + f.knownHosts + "', forward_agent: true, config: false, timeout: 5]",
                extraConfig, ""));
        write(dir.resolve("config/deploy/e2e.groovy"), hosts.stream()
                .map(h -> "server '" + h.spec(Fleet.USER) + "', roles: ['app', 'web']").collect(Collectors.joining("\n")) + "\n");
        return dir;
    }

    /** Replaces the stage file (config/deploy/e2e.groovy), e.g. for other roles or properties per server. */
    static void stage(Path project, String... lines) throws IOException {
        write(project.resolve("config/deploy/e2e.groovy"), String.join("\n", lines) + "\n");
    }

    static Path capistrano(Fleet f, String name, String deployTo, List<FleetHost> hosts) throws IOException {
        Path dir = f.root.resolve("cap-" + name);
        write(dir.resolve("Capfile"), "require \"capistrano/setup\"\nrequire \"capistrano/deploy\"\nrequire \"capistrano/scm/git\"\ninstall_plugin Capistrano::SCM::Git\n");
        write(dir.resolve("config/deploy.rb"), String.join("\n",
                "set :application, 'app'",
                "set :repo_url, '" + f.repoUrl() + "'",
                "set :branch, 'main'",
                "set :deploy_to, '" + deployTo + "'",
                "set :local_user, 'cap'",
                "set :format_options, log_file: nil",
                "set :ssh_options, { keys: ['" + f.clientKey + "'], forward_agent: true, auth_methods: ['publickey'], user_known_hosts_file: '"
                        + f.knownHosts + "', verify_host_key: :always }", ""));
        write(dir.resolve("config/deploy/e2e.rb"), hosts.stream()
                .map(h -> "server '" + h.address + "', user: '" + Fleet.USER + "', port: " + h.port + ", roles: %w{app web}")
                .collect(Collectors.joining("\n")) + "\n");
        return dir;
    }

    static Shell.Result capstan(Fleet f, Path project, String... args) {
        List<String> cmd = new ArrayList<>(List.of(REPO_ROOT.resolve("bin/capstan").toString()));
        cmd.addAll(List.of(args));
        return Shell.run(project, env(f), 300, cmd);
    }

    /** The agent with the fleet's key, and Capstan's caches (AppCDS archive, compiled DSL) inside the fleet's directory. */
    static Map<String, String> env(Fleet f) {
        return Map.of("SSH_AUTH_SOCK", f.agentSocket.toString(), "XDG_CACHE_HOME", f.root.resolve("cache").toString());
    }

    /** Fails the test with the command's output unless it exited 0. */
    static void succeeded(Shell.Result r) {
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.out()).isZero();
    }

    static Shell.Result cap(Fleet f, Path project, String... args) {
        List<String> cmd = new ArrayList<>(List.of("cap"));
        cmd.addAll(List.of(args));
        return Shell.run(project, Map.of("SSH_AUTH_SOCK", f.agentSocket.toString()), 300, cmd);
    }

    private static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
