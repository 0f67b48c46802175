package dev.capstan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static dev.capstan.e2e.Projects.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code package_install: dpkg} for real, as root on a real sshd host: a pkgr-shaped .deb installed v1, v2, then
 * a rollback reinstalls v1, each checked with dpkg-query. The fleet's hosts share this machine's dpkg database, so
 * one host, a package name nothing else uses, and a purge afterwards.
 */
class FleetPackageIT {
    private static final String PKG = "capstan-e2e-hello";
    @WithFleet(1) static Fleet fleet;

    @AfterAll
    static void purge() {
        Shell.run(null, Map.of(), 60, List.of("dpkg", "--purge", PKG));
    }

    private static Path deb(String version) throws Exception {
        Path pkg = fleet.root.resolve("deb-" + version);
        Files.createDirectories(pkg.resolve("DEBIAN"));
        Files.createDirectories(pkg.resolve("opt/" + PKG));
        Files.writeString(pkg.resolve("DEBIAN/control"), "Package: " + PKG + "\nVersion: " + version + "\nArchitecture: all\n"
                + "Maintainer: Capstan tests <ci@localhost>\nDescription: pkgr-shaped test app of the e2e suite\n");
        Path postinst = pkg.resolve("DEBIAN/postinst");
        Files.writeString(postinst, "#!/bin/sh\nset -e\necho \"configured $2\" >> /opt/" + PKG + "/postinst.log\n");
        Files.setPosixFilePermissions(postinst, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(pkg.resolve("opt/" + PKG + "/VERSION"), version + "\n");
        Path out = fleet.root.resolve(PKG + "_" + version + "_all.deb");
        Shell.ok("dpkg-deb", "--root-owner-group", "--build", pkg.toString(), out.toString());
        return out;
    }

    private static String installed() {
        return Shell.run(null, Map.of(), 30, List.of("dpkg-query", "-W", "-f=${Version}", PKG)).out().strip();
    }

    @Test
    void installsV1ThenV2AndARollbackReinstallsV1() throws Exception {
        Path v1 = deb("1.0-1");
        Path v2 = deb("1.1-1");
        FleetHost h = fleet.hosts.get(0);
        Path p = Projects.capstan(fleet, "package", "/srv/hello", fleet.hosts, "set 'package_install', 'dpkg'");
        Files.writeString(p.resolve("Capfile"), "use 'deploy'\nuse 'scm/artifact'\n");
        Projects.stage(p, "server '" + h.spec("root") + "', roles: ['app']", "set 'artifact_url', '" + v1 + "'");
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        assertThat(installed()).isEqualTo("1.0-1");
        assertThat(Files.readString(Path.of("/opt/" + PKG + "/VERSION")).strip()).isEqualTo("1.0-1");

        Thread.sleep(1100);
        Projects.stage(p, "server '" + h.spec("root") + "', roles: ['app']", "set 'artifact_url', '" + v2 + "'");
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        assertThat(installed()).isEqualTo("1.1-1");

        Shell.Result rollback = Projects.capstan(fleet, p, "e2e", "deploy:rollback");
        succeeded(rollback);
        assertThat(installed()).as("the rollback reinstalled v1 from its release").isEqualTo("1.0-1");
        assertThat(Files.readString(Path.of("/opt/" + PKG + "/VERSION")).strip()).isEqualTo("1.0-1");
        assertThat(Files.readString(Path.of("/opt/" + PKG + "/postinst.log"))).as("dpkg configured each install")
                .contains("configured 1.0-1", "configured 1.1-1");
        HostState s = HostState.of(h, "/srv/hello");
        assertThat(Files.readString(h.srv().resolve("hello/releases/" + s.current() + "/PACKAGE")).strip()).isEqualTo(PKG + " 1.0-1");
        Shell.Result status = Projects.capstan(fleet, p, "e2e", "deploy:status");
        succeeded(status);
        assertThat(status.out()).contains(PKG + " 1.0-1 / 1.0-1");
    }
}
