package dev.capstan.deploy.scm.artifact;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real packages, shaped like pkgr's (the app in /opt/APP, a /usr/bin/APP wrapper, a postinst that creates the app's
 * user), built with dpkg-deb and installed by real dpkg into a private root (--root, no root rights needed).
 */
@Timeout(120)
class DebScriptsIT {
    @TempDir Path dir;
    private Path root;
    private DebScripts.Target target;

    record Ran(int exit, String out, String err) {}

    @BeforeEach
    void privateDpkgRoot() throws Exception {
        assumeTrue(TestDebs.available(), "dpkg-deb is not installed here");
        root = TestDebs.privateRoot(dir.resolve("root"));
        target = new DebScripts.Target(root.toString(), null);
    }

    private Path deb(String version) throws Exception {
        return TestDebs.hello(dir, version);
    }

    private Ran sh(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(p.waitFor(), out.strip(), err.strip());
    }

    private String lastLine(String s) {
        return s.substring(s.lastIndexOf('\n') + 1);
    }

    @Test
    void installUpgradeAndRollBackByReinstallingTheOlderPackageVerifiedWithDpkgQuery() throws Exception {
        Path v1 = deb("1.0-1"), v2 = deb("1.1-1");
        Ran first = sh(DebScripts.install(v1.toString(), target, false));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(lastLine(first.out())).isEqualTo("installed hello 1.0-1");
        assertThat(root.resolve("opt/hello/VERSION")).hasContent("1.0-1");
        assertThat(root.resolve("etc/passwd")).as("the postinst ran").hasContent("hello:x:999:999::/opt/hello:/bin/false");
        assertThat(lastLine(sh(DebScripts.install(v2.toString(), target, false)).out())).isEqualTo("installed hello 1.1-1");
        assertThat(root.resolve("opt/hello/VERSION")).hasContent("1.1-1");
        assertThat(sh(DebScripts.installedVersion("hello", target)).out()).isEqualTo("1.1-1");
        Ran back = sh(DebScripts.install(v1.toString(), target, false));
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(lastLine(back.out())).isEqualTo("installed hello 1.0-1");
        assertThat(root.resolve("opt/hello/VERSION")).hasContent("1.0-1");
        assertThat(sh(DebScripts.installedVersion("hello", target)).out()).isEqualTo("1.0-1");
    }

    @Test
    void aDowngradeDpkgSkipsWhileExitingZeroIsCaught() throws Exception {
        Path v1 = deb("1.0-1"), v2 = deb("1.1-1");
        sh(DebScripts.install(v2.toString(), target, false));
        // dpkg's --refuse-downgrade skips the package and exits 0: the version check is what notices
        String script = DebScripts.install(v1.toString(), target, false).replace(" -i ", " --refuse-downgrade -i ");
        assertThat(sh(target.dpkg() + " --refuse-downgrade -i " + v1).exit()).as("dpkg itself exits 0").isZero();
        Ran r = sh(script);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).endsWith("dpkg exited 0 but hello is '1.1-1 ii ', not '1.0-1 ii': the package was not installed");
        assertThat(root.resolve("opt/hello/VERSION")).hasContent("1.1-1");
    }

    @Test
    void aNonPackageFailsWithDpkgsOwnWords() throws Exception {
        Path bogus = dir.resolve("bogus.deb");
        Files.writeString(bogus, "not an ar archive");
        Ran r = sh(DebScripts.install(bogus.toString(), target, false));
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).startsWith("dpkg-deb: error: ").contains("bogus.deb");
    }
}
