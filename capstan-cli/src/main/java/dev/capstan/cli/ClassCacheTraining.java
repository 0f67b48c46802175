package dev.capstan.cli;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run that fills the launcher's class-data archive (AppCDS): the launcher starts it once per build with
 * {@code -XX:ArchiveClassesAtExit}, so the archive holds what real runs load — the CLI, the Groovy runtime,
 * the deploy flow, the output and the SSH client — not just whatever the first command happened to touch.
 * It scaffolds a throw-away project and deploys it twice to a temporary directory, once through the local
 * backend and once over SSH to an in-process server on loopback, then deletes everything. Nothing is printed
 * unless {@code CAPSTAN_TRAINING_OUTPUT} is set.
 */
final class ClassCacheTraining {
    static final String FLAG = "--train-class-cache";

    private ClassCacheTraining() {}

    static int run() {
        return run(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Trains in a new directory under {@code parent}, removed afterwards; 0 when every step succeeded. */
    static int run(Path parent) {
        // CAPSTAN_TRAINING_OUTPUT=1 shows the training's own output, to see why an archive is poor
        PrintStream quiet = System.getenv("CAPSTAN_TRAINING_OUTPUT") != null ? System.err : new PrintStream(OutputStream.nullOutputStream());
        Path work = null;
        try {
            work = Files.createTempDirectory(parent, "capstan-training");
            Path project = work.resolve("project");
            Files.createDirectories(project);
            Scaffold.install(project, List.of("local", "ssh"), quiet, quiet);
            Map<String, String> env = System.getenv();
            int status = Main.run(new String[] {"-T"}, quiet, quiet, project, env);
            if (!makeRepository(work.resolve("repo"))) return Main.FAILED;
            try (SshServer server = startServer(work)) {
                writeProject(project, work, server.getPort());
                for (String[] args : List.of(
                        new String[] {"-P"},
                        new String[] {"--dry-run", "--format", "pretty", "local", "deploy"},
                        new String[] {"local", "deploy"},
                        new String[] {"ssh", "deploy"},
                        new String[] {"ssh", "deploy:status"})) {
                    status |= Main.run(args, quiet, quiet, project, env);
                }
                // a failing task too (one release: nothing to roll back to), for the classes of the error path
                Main.run(new String[] {"ssh", "deploy:rollback"}, quiet, quiet, project, env);
            }
            return status == Main.OK ? Main.OK : Main.FAILED;
        } catch (IOException | RuntimeException e) {
            return Main.FAILED; // a poorer archive, never a failed command: the launcher ignores the status
        } finally {
            if (work != null) delete(work);
        }
    }

    private static boolean makeRepository(Path repo) {
        try {
            Files.createDirectories(repo.resolve("public"));
            Files.writeString(repo.resolve("public/index.html"), "training\n");
            for (List<String> cmd : List.of(List.of("init", "-q"), List.of("add", "-A"), List.of("commit", "-q", "-m", "training"))) {
                List<String> git = new java.util.ArrayList<>(List.of("git", "-c", "user.name=capstan", "-c", "user.email=capstan@localhost",
                        "-c", "init.defaultBranch=main", "-C", repo.toString()));
                git.addAll(cmd);
                Process p = new ProcessBuilder(git).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) return false;
            }
            return true;
        } catch (IOException e) {
            return false; // no git here: the archive covers the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SshServer startServer(Path work) throws IOException {
        KeyPair client;
        try {
            client = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            try (OutputStream out = Files.newOutputStream(work.resolve("id_training"))) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "capstan-training", null, out);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        PublicKey accepted = client.getPublic();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(work.resolve("host_key")));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(accepted, key));
        server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        server.start();
        return server;
    }

    private static void writeProject(Path project, Path work, int port) throws IOException {
        Files.writeString(project.resolve("config/deploy.groovy"), """
                set 'application', 'training'
                set 'repo_url', '%s'
                set 'branch', 'main'
                set 'keep_releases', 2
                append 'linked_dirs', 'log'
                """.formatted(work.resolve("repo")));
        Files.writeString(project.resolve("config/deploy/local.groovy"), """
                set 'deploy_to', '%s'
                server 'localhost', roles: ['app', 'web', 'db'], backend: 'local'
                """.formatted(work.resolve("local")));
        Files.writeString(project.resolve("config/deploy/ssh.groovy"), """
                set 'deploy_to', '%s'
                set 'ssh_options', [keys: ['%s'], keys_only: true, use_agent: false, verify_host_key: 'never', config: false]
                server '127.0.0.1:%d', user: '%s', roles: ['app', 'web', 'db']
                """.formatted(work.resolve("ssh"), work.resolve("id_training"), port, System.getProperty("user.name")));
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
