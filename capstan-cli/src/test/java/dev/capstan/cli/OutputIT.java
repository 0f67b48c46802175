package dev.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person reads at the end of a run, through the real CLI on a real local deploy: the closing line and a failure said once. */
class OutputIT {
    @TempDir Path dir;
    String out;
    String err;

    private int capstan(String... args) {
        CliRun r = CliRun.in(dir.resolve("project"), Map.of(), args);
        out = r.out();
        err = r.err();
        return r.status();
    }

    private Path project(String repoUrl) throws Exception {
        Path project = Launcher.exampleProject(dir, Path.of("..", "examples", "hello").toAbsolutePath().normalize());
        Files.writeString(project.resolve("config/deploy.groovy"), """
                set 'application', 'hello'
                set 'repo_url', '%s'
                set 'deploy_to', '%s'
                set 'branch', 'main'
                append 'linked_dirs', 'log'
                append 'linked_files', 'config/secrets.yml'
                """.formatted(repoUrl, dir.resolve("srv")));
        return project;
    }

    @Test
    void aDeployEndsWithOneLineSayingWhatWentWhere() throws Exception {
        project(dir.resolve("hello.git").toString());
        assertThat(capstan("local", "deploy")).isZero();
        String revision = Launcher.head(dir.resolve("hello.git")).substring(0, 7);
        String release = Files.readSymbolicLink(dir.resolve("srv/current")).getFileName().toString();
        assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow())
                .matches(Pattern.quote("deployed hello " + revision + " as release " + release + " to 1 host in ") + "\\d+\\.\\d s");
        assertThat(capstan("local", "deploy:status")).isZero();
        assertThat(out).containsPattern("\nran deploy:status on 1 host in \\d+\\.\\d s\n$");
    }

    @Test
    void aFailureIsSaidOnceUnderTheStepsNameWithTheLastLinesOfStderr() throws Exception {
        project(dir.resolve("no-such-repo.git").toString());
        assertThat(capstan("local", "deploy")).isEqualTo(1);
        assertThat(err).contains("** DEPLOY FAILED: capstan local deploy\n** Task git:clone failed on localhost\n"
                + "** localhost: exit status 128, its last lines:\n     fatal: repository '" + dir.resolve("no-such-repo.git") + "' does not exist\n");
        assertThat(err).containsPattern("\ndeploy failed at git:clone on localhost after \\d+\\.\\d s\n");
        assertThat(err.split("does not exist", -1)).as("the error once on the error stream").hasSize(2);
        assertThat(out + err).doesNotContain("{ exit status", "capstan aborted!");
    }
}
