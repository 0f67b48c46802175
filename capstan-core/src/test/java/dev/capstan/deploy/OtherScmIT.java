package dev.capstan.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Subversion and Mercurial deploys with real repositories on this machine (skipped where svn or hg is absent). */
class OtherScmIT {
    @TempDir Path tmp;

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static boolean has(String tool) {
        return Files.isExecutable(Path.of("/usr/bin/" + tool));
    }

    private DeployHarness harness(String scm, String repoUrl, Path deployTo) {
        DeployHarness h = new DeployHarness("deploy", scm);
        h.config.set("application", "app");
        h.config.set("repo_url", repoUrl);
        h.config.set("deploy_to", deployTo.toString());
        h.config.set("branch", "default");
        h.config.set("local_user", "alice");
        h.localServer("localhost");
        return h;
    }

    @Test
    void subversion() throws Exception {
        assumeTrue(has("svn") && has("svnadmin"), "needs subversion");
        Path repo = tmp.resolve("svnrepo");
        run(tmp, "svnadmin", "create", repo.toString());
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("index.html"), "svn v1\n");
        run(tmp, "svn", "import", "-q", "-m", "first", src.toString(), "file://" + repo + "/trunk");
        Path deployTo = tmp.resolve("srv/svn");
        try (DeployHarness h = harness("scm/svn", "file://" + repo + "/trunk", deployTo)) {
            h.run("deploy");
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("svn v1\n");
        assertThat(Files.readString(deployTo.resolve("current/REVISION")).strip()).isEqualTo("1");
        assertThat(deployTo.resolve("current/.svn")).doesNotExist();
    }

    @Test
    void mercurialWithRepoTree() throws Exception {
        assumeTrue(has("hg"), "needs mercurial");
        Path repo = Files.createDirectories(tmp.resolve("hgrepo"));
        run(repo, "hg", "init");
        Files.writeString(repo.resolve("index.html"), "hg v1\n");
        Files.createDirectories(repo.resolve("sub/dir"));
        Files.writeString(repo.resolve("sub/dir/inner.txt"), "inner\n");
        run(repo, "hg", "add", "-q");
        run(repo, "hg", "commit", "-q", "-u", "Test <t@example.com>", "-m", "first");
        String node = run(repo, "hg", "log", "-r", "default", "--template", "{node}").strip();
        Path deployTo = tmp.resolve("srv/hg");
        try (DeployHarness h = harness("scm/hg", repo.toString(), deployTo)) {
            h.run("deploy");
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("hg v1\n");
        assertThat(Files.readString(deployTo.resolve("current/REVISION")).strip()).isEqualTo(node);
        Path tree = tmp.resolve("srv/hgtree");
        try (DeployHarness h = harness("scm/hg", repo.toString(), tree)) {
            h.config.set("repo_tree", "sub/dir");
            h.run("deploy");
        }
        List<String> files = new ArrayList<>();
        try (var s = Files.list(tree.resolve("current/"))) { s.forEach(p -> files.add(p.getFileName().toString())); }
        assertThat(files).contains("inner.txt", "REVISION").doesNotContain("index.html");
    }
}
