package dev.capstan.deploy.scm.artifact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Real .deb files and a private dpkg root for tests: dpkg --root works without root rights. */
public final class TestDebs {
    private TestDebs() {}

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/dpkg-deb"));
    }

    /** An empty dpkg database (and /etc/passwd for postinst scripts) under {@code root}. */
    public static Path privateRoot(Path root) throws Exception {
        for (String d : new String[]{"var/lib/dpkg/updates", "var/lib/dpkg/info", "var/log", "etc"}) Files.createDirectories(root.resolve(d));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Files.createFile(root.resolve("etc/passwd"));
        return root;
    }

    /**
     * A pkgr-shaped package of {@code hello} at {@code version}: /opt/hello, a /usr/bin/hello wrapper, a postinst that
     * creates the app's user (in {@code $DPKG_ROOT}'s passwd when installed into a private root).
     */
    public static Path hello(Path dir, String version) throws Exception {
        Path pkg = dir.resolve("build-" + version);
        Files.createDirectories(pkg.resolve("DEBIAN"));
        Files.createDirectories(pkg.resolve("opt/hello"));
        Files.createDirectories(pkg.resolve("usr/bin"));
        Files.writeString(pkg.resolve("DEBIAN/control"), "Package: hello\nVersion: " + version + "\nArchitecture: all\n"
                + "Maintainer: Capstan tests <ci@localhost>\nDescription: pkgr-shaped test app\n");
        executable(pkg.resolve("DEBIAN/postinst"), "#!/bin/sh\nset -e\n"
                + "if [ -n \"$DPKG_ROOT\" ]; then grep -q '^hello:' \"$DPKG_ROOT/etc/passwd\" || echo 'hello:x:999:999::/opt/hello:/bin/false' >> \"$DPKG_ROOT/etc/passwd\";"
                + " else getent passwd hello >/dev/null || useradd --system --home-dir /opt/hello hello; fi\n");
        Files.writeString(pkg.resolve("opt/hello/VERSION"), version + "\n");
        executable(pkg.resolve("usr/bin/hello"), "#!/bin/sh\nexec cat /opt/hello/VERSION\n");
        Path out = dir.resolve("hello_" + version + "_all.deb");
        Process p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "--build", pkg.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException("dpkg-deb failed: " + log);
        return out;
    }

    private static void executable(Path p, String content) throws Exception {
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
