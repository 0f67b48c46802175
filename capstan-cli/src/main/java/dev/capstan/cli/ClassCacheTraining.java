package dev.capstan.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run that fills the class-data archive (AppCDS) made at package time ({@code bin/capstan
 * --make-class-cache}, run by the build with {@code -XX:ArchiveClassesAtExit}), so the archive holds what
 * real runs load — the CLI, the Groovy runtime, the deploy flow, the output — not just whatever one command
 * touched. It scaffolds a throw-away project and deploys it to a temporary directory through the local
 * backend, then loads the SSH client's classes ({@link SshClassLoading}) without connecting anywhere:
 * nothing listens, nothing leaves the machine. Nothing is printed unless {@code CAPSTAN_TRAINING_OUTPUT} is set.
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
            Scaffold.install(project, List.of("local"), quiet, quiet);
            Map<String, String> env = Map.of(); // the builder's HOSTS or ROLES must not filter the training's deploys
            int status = Main.run(new String[] {"-T"}, quiet, quiet, project, env);
            if (!makeRepository(work.resolve("repo"))) return Main.FAILED;
            writeProject(project, work);
            for (String[] args : List.of(
                    new String[] {"-P"},
                    new String[] {"--dry-run", "--format", "pretty", "local", "deploy"},
                    new String[] {"local", "deploy"},
                    new String[] {"local", "deploy:status"})) {
                status |= Main.run(args, quiet, quiet, project, env);
            }
            // a second release and a rollback to the first, then a rollback with nothing left to roll back to (the
            // error path); their outcome depends on whether the second deploy fell in the same second (release names)
            for (String[] args : List.of(new String[] {"local", "deploy"}, new String[] {"local", "deploy:rollback"},
                    new String[] {"local", "deploy:rollback"})) {
                Main.run(args, quiet, quiet, project, env);
            }
            int ssh = SshClassLoading.loadAll();
            quiet.println("training: loaded " + ssh + " SSH client classes");
            return status == Main.OK && ssh > 0 ? Main.OK : Main.FAILED;
        } catch (IOException | RuntimeException e) {
            return Main.FAILED; // a poorer archive, never a failed command: the build ignores the status
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

    private static void writeProject(Path project, Path work) throws IOException {
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
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
