package dev.capstan.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A git repository and a deploy directory on this machine, and harnesses that deploy one to the other. */
abstract class DeployTestBase {
    @TempDir Path tmp;
    Path repo;
    Path deployTo;

    @BeforeEach
    void setUp() throws Exception {
        repo = DeployHarness.gitRepo(tmp.resolve("app.git-src"), Map.of("index.html", "v1\n", "config/app.yml", "a: 1\n"));
        deployTo = tmp.resolve("srv/my app");
    }

    DeployHarness harness() {
        DeployHarness h = newHarness();
        h.config.set("application", "app");
        h.config.set("repo_url", repo.toString());
        h.config.set("deploy_to", deployTo.toString());
        h.config.set("local_user", "alice");
        h.config.set("stage", "test");
        return h;
    }

    /** A harness with its one host; {@link DeployFlowOverSshIT} reaches it over SSH instead. */
    String[] plugins() { return new String[] {"deploy", "scm/git"}; }

    DeployHarness newHarness() {
        DeployHarness h = new DeployHarness(plugins());
        h.localServer("localhost");
        return h;
    }

    /** The host's label in output. */
    String hostLabel() {
        return "localhost";
    }

    List<String> releases() throws Exception {
        try (Stream<Path> s = Files.list(deployTo.resolve("releases"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

}
