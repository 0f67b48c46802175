package dev.capstan.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.capstan.deploy.scm.artifact.TestDebs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code package_install: dpkg}: a pkgr-shaped .deb deployed as v1, then v2, then rolled back, installed by real
 * dpkg into a private root as each release is published; the rollback reinstalls v1 from its release.
 */
@Timeout(120)
class PackageDeployIT {
    @TempDir Path tmp;
    private Path root;

    @BeforeEach
    void privateDpkgRoot() throws Exception {
        assumeTrue(TestDebs.available(), "dpkg-deb is not installed here");
        root = TestDebs.privateRoot(tmp.resolve("root"));
    }

    private DeployHarness harness(Path deb) {
        DeployHarness h = new DeployHarness("deploy", "scm/artifact");
        h.localServer("localhost");
        h.config.set("application", "hello");
        h.config.set("deploy_to", tmp.resolve("srv/hello").toString());
        h.config.set("local_user", "alice");
        h.config.set("artifact_url", deb.toString());
        h.config.set("package_install", "dpkg");
        h.config.set("package_dpkg_root", root.toString());
        return h;
    }

    private String installed() throws Exception {
        Process p = new ProcessBuilder("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W", "-f=${Version}", "hello").start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    @Test
    void installsEachReleasesPackageAsItIsPublishedAndARollbackReinstallsThePreviousOne() throws Exception {
        Path v1 = TestDebs.hello(tmp, "1.0-1");
        Path v2 = TestDebs.hello(tmp, "1.1-1");
        try (DeployHarness h = harness(v1)) {
            h.run("deploy");
        }
        Path current = tmp.resolve("srv/hello/current");
        assertThat(installed()).isEqualTo("1.0-1");
        assertThat(root.resolve("opt/hello/VERSION")).hasContent("1.0-1");
        assertThat(current.resolve("hello_1.0-1_all.deb")).as("the package is kept in its release").exists();
        assertThat(current.resolve("PACKAGE")).hasContent("hello 1.0-1");

        Thread.sleep(1100);
        try (DeployHarness h = harness(v2)) {
            h.run("deploy");
        }
        assertThat(installed()).isEqualTo("1.1-1");
        assertThat(current.resolve("PACKAGE")).hasContent("hello 1.1-1");

        try (DeployHarness h = harness(v2)) {
            h.run("deploy:rollback");
            h.run("deploy:status");
            assertThat(installed()).as("the rollback reinstalled v1 from its release").isEqualTo("1.0-1");
            assertThat(root.resolve("opt/hello/VERSION")).hasContent("1.0-1");
            assertThat(current.resolve("PACKAGE")).hasContent("hello 1.0-1");
            assertThat(h.events.stream().filter(e -> e instanceof dev.capstan.remote.event.Event.LogMessage)
                    .map(e -> ((dev.capstan.remote.event.Event.LogMessage) e).message()))
                    .as("deploy:status shows the release's package and dpkg's").anyMatch(m -> m.contains("hello 1.0-1 / 1.0-1"));
        }
    }
}
