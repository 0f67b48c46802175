package dev.capstan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs real processes for the CLI's integration tests: the launcher of an unpacked release, git, tar. */
final class Launcher {
    record Result(int status, String output) {
        void assertOk() {
            assertThat(status).as(output).isZero();
        }
    }

    static final Path EXAMPLE = Path.of("..", "examples", "hello").toAbsolutePath().normalize();

    private Launcher() {}

    /** Unpacks the release tarball from {@code target} into {@code tmp}; its home (capstan-VERSION/). */
    static Path unpackRelease(Path target, Path tmp) throws Exception {
        Path release;
        try (java.util.stream.Stream<Path> s = Files.list(target)) {
            release = s.filter(p -> p.getFileName().toString().matches("capstan-[0-9.]+\\.tar\\.gz")).findFirst().orElseThrow();
        }
        run(tmp, List.of("tar", "-xzf", release.toString(), "-C", tmp.toString()), List.of()).assertOk();
        return tmp.resolve(release.getFileName().toString().replace(".tar.gz", ""));
    }

    /** {@code capstan ARGS} from the release at {@code home}, in {@code dir}, with its bin/ first on PATH. */
    static Result capstan(Path home, Path dir, Path tmp, List<String> env, String... args) throws Exception {
        // found on PATH, as a user's shell finds it
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "exec capstan \"$@\"", "capstan"));
        cmd.addAll(List.of(args));
        List<String> vars = new ArrayList<>(env);
        vars.add("PATH=" + home.resolve("bin") + ":" + System.getenv("PATH"));
        vars.add("XDG_CACHE_HOME=" + tmp.resolve("cache"));
        vars.add("HELLO_REPO=" + tmp.resolve("hello.git"));
        vars.add("HELLO_DEPLOY_TO=" + tmp.resolve("srv/hello"));
        return run(dir, cmd, vars);
    }

    /** The bundled example (examples/hello) as a project in {@code tmp}, its app a git repository in tmp/hello.git. */
    static Path exampleProject(Path tmp, Path example) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        for (String part : List.of("Capfile", "config", "lib")) run(tmp, List.of("cp", "-R", example.resolve(part).toString(), project.toString()), List.of()).assertOk();
        Path repo = tmp.resolve("hello.git");
        run(tmp, List.of("cp", "-R", example.resolve("app").toString(), repo.toString()), List.of()).assertOk();
        for (List<String> git : List.of(List.of("init", "-q"), List.of("add", "-A"), List.of("commit", "-q", "-m", "Version 1"))) {
            List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Example", "-c", "user.email=example@example.com",
                    "-c", "init.defaultBranch=main", "-C", repo.toString()));
            cmd.addAll(git);
            run(tmp, cmd, List.of()).assertOk();
        }
        return project;
    }

    static String head(Path repo) throws Exception {
        Result r = run(repo, List.of("git", "rev-parse", "HEAD"), List.of());
        r.assertOk();
        return r.output().strip();
    }

    static Result run(Path dir, List<String> cmd, List<String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.remove("CAPSTAN_JAR");
        e.remove("CAPSTAN_NO_CDS");
        for (String v : env) {
            int eq = v.indexOf('=');
            e.put(v.substring(0, eq), v.substring(eq + 1));
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
