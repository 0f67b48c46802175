package dev.capstan.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads (without initialising) every class of the SSH client — MINA's client and common packages, SFTP,
 * eddsa and Capstan's SSH backend — so the class-data archive holds them without the training connecting to
 * anything or starting a server. A class that cannot load (an optional library MINA can use but we do not
 * ship) is skipped: the JVM leaves it out of the archive too.
 */
final class SshClassLoading {
    /** A class of each library, and the packages of it to load. */
    private static final List<String[]> PACKAGES = List.of(
            new String[] {"org.apache.sshd.client.SshClient", "org/apache/sshd/client/", "org/apache/sshd/common/"},
            // sshd-common is its own jar on a development class path (one jar with the rest in the distribution)
            new String[] {"org.apache.sshd.common.util.GenericUtils", "org/apache/sshd/common/"},
            new String[] {"org.apache.sshd.sftp.client.SftpClient", "org/apache/sshd/sftp/client/", "org/apache/sshd/sftp/common/"},
            new String[] {"net.i2p.crypto.eddsa.EdDSAEngine", "net/i2p/crypto/eddsa/"},
            new String[] {"dev.capstan.remote.backend.ssh.SshBackend", "dev/capstan/remote/backend/ssh/"});

    private SshClassLoading() {}

    /** The number of classes loaded. */
    static int loadAll() {
        ClassLoader loader = SshClassLoading.class.getClassLoader();
        Set<String> names = new LinkedHashSet<>();
        for (String[] p : PACKAGES) names.addAll(classNames(p));
        int loaded = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // an optional dependency of MINA that is not bundled
            }
        }
        return loaded;
    }

    private static List<String> classNames(String[] p) {
        List<String> out = new ArrayList<>();
        try {
            CodeSource source = Class.forName(p[0], false, SshClassLoading.class.getClassLoader()).getProtectionDomain().getCodeSource();
            if (source == null) return out;
            Path location = Path.of(source.getLocation().toURI());
            List<String> entries = Files.isDirectory(location) ? directoryEntries(location) : jarEntries(location);
            for (String e : entries) {
                if (!e.endsWith(".class") || e.endsWith("module-info.class") || e.startsWith("META-INF/")) continue;
                for (int i = 1; i < p.length; i++) {
                    if (e.startsWith(p[i])) {
                        out.add(e.substring(0, e.length() - ".class".length()).replace('/', '.'));
                        break;
                    }
                }
            }
        } catch (ClassNotFoundException | IOException | URISyntaxException | RuntimeException e) {
            // this library is not there: nothing of it to load
        }
        return out;
    }

    private static List<String> jarEntries(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(JarEntry::getName).toList();
        }
    }

    private static List<String> directoryEntries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')).toList();
        }
    }
}
