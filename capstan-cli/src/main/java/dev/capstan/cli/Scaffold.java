package dev.capstan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code capstan install}: the files of a new project, like {@code cap install}. Existing files are kept. */
final class Scaffold {
    private Scaffold() {}

    static void install(Path dir, List<String> stages, PrintStream out, PrintStream err) throws IOException {
        Files.createDirectories(dir.resolve("config/deploy"));
        out.println("mkdir -p config/deploy");
        write(dir, "config/deploy.groovy", DEPLOY, out, err);
        for (String s : stages) write(dir, "config/deploy/" + s + ".groovy", stage(s), out, err);
        Files.createDirectories(dir.resolve("lib/capstan/tasks"));
        out.println("mkdir -p lib/capstan/tasks");
        write(dir, "Capfile", CAPFILE, out, err);
        out.println("Capified");
    }

    private static void write(Path dir, String name, String content, PrintStream out, PrintStream err) throws IOException {
        Path f = dir.resolve(name);
        if (Files.exists(f)) {
            err.println("[skip] " + name + " already exists");
            return;
        }
        Files.writeString(f, content);
        out.println("create " + name);
    }

    static final String CAPFILE = """
            // Load the deploy flow and the SCM plugin. Plugins must be used here, not in config files.
            use 'deploy'
            use 'scm/git'
            // use 'scm/none'     // releases without a repository: your own tasks fill them

            // Tasks in lib/capstan/tasks/*.groovy are loaded automatically.
            """;

    static final String DEPLOY = """
            // Settings for every stage. Stage files in config/deploy/ override them.
            set 'application', 'my_app_name'
            set 'repo_url', 'git@example.com:me/my_repo.git'

            // Default branch is 'master'
            // ask 'branch', 'main'

            // Default deploy_to directory is /var/www/my_app_name
            // set 'deploy_to', '/var/www/my_app_name'

            // Default value for linked_files and linked_dirs is []
            // append 'linked_files', 'config/database.yml', 'config/master.key'
            // append 'linked_dirs', 'log', 'tmp/pids', 'tmp/cache', 'tmp/sockets', 'public/system', 'storage'

            // Default value for default_env is [:]
            // set 'default_env', [path: '/opt/ruby/bin:$PATH']

            // Default value for keep_releases is 5
            // set 'keep_releases', 5

            // Relative symlinks for trees served from inside a chroot (default 'absolute')
            // set 'symlinks', 'relative'

            // Output: concise (default), pretty, dot or json
            // set 'format', 'pretty'

            // Host keys are checked against ~/.ssh/known_hosts ('always'); 'accept_new' records unknown hosts.
            // set 'ssh_options', [verify_host_key: 'always', forward_agent: true]
            """;

    static String stage(String name) {
        return """
                // Servers of the %1$s stage.
                // server 'example.com', user: 'deploy', roles: ['app', 'db', 'web'], my_property: 'my_value'
                // server 'db.example.com', user: 'deploy', roles: ['db'], primary: true
                //
                // role-based syntax:
                // role 'app', ['deploy@example.com']
                // role 'web', ['user1@primary.com', 'user2@additional.com'], other_property: 'other_value'
                //
                // Per-server SSH options:
                // server 'example.com', user: 'deploy', roles: ['web'], ssh_options: [keys: ['~/.ssh/id_ed25519'], forward_agent: true]
                """.formatted(name);
    }
}
