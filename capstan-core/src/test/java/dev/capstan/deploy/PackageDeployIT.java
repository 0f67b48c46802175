package dev.capstan.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "dpkg-deb is not installed here");
        root = tmp.resolve("root");
        for (String d : new String[]{"var/lib/dpkg/updates", "var/lib/dpkg/info", "var/log", "etc"}) Files.createDirectories(root.resolve(d));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Files.createFile(root.resolve("etc/passwd"));
    }

    private Path deb(String version) throws Exception {
        Path pkg = tmp.resolve("build-" + version);
        Files.createDirectories(pkg.resolve("DEBIAN"));
        Files.createDirectories(pkg.resolve("opt/hello"));
        Files.writeString(pkg.resolve("DEBIAN/control"), "Package: hello\nVersion: " + version + "\nArchitecture: all\n"
                + "Maintainer: Capstan tests <ci@localhost>\nDescription: pkgr-shaped test app\n");
        Path postinst = pkg.resolve("DEBIAN/postinst");
        Files.writeString(postinst, "#!/bin/sh\nset -e\ngrep -q '^hello:' \"$DPKG_ROOT/etc/passwd\" || echo 'hello:x:999:999::/opt/hello:/bin/false' >> \"$DPKG_ROOT/etc/passwd\"\n");
        Files.setPosixFilePermissions(postinst, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(pkg.resolve("opt/hello/VERSION"), version + "\n");
        Path out = tmp.resolve("hello_" + version + "_all.deb");
        Process p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "--build", pkg.toString(), out.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return out;
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
        Path v1 = deb("1.0-1");
        Path v2 = deb("1.1-1");
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
