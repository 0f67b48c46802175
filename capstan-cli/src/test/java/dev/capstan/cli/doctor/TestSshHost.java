package dev.capstan.cli.doctor;

import dev.capstan.remote.Shell;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;

/**
 * A real SSH host for CLI tests: MINA's SshServer on 127.0.0.1 running real {@code /bin/sh -c} commands. When the
 * tests run as root, commands run as {@code nobody} (setpriv), so file permissions mean what they mean for a deploy
 * user; {@code extraPath} is put in front of that host's PATH (a tool installed on one host only).
 */
final class TestSshHost implements AutoCloseable {
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private final SshServer server;

    TestSshHost(Path dir, KeyPair client, Path extraPath) throws Exception {
        Files.createDirectories(dir);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser")));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(client.getPublic(), key));
        server.setCommandFactory((channel, command) -> ProcessShellCommandFactory.INSTANCE.createCommand(channel, wrap(command, extraPath)));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.start();
    }

    private static String wrap(String command, Path extraPath) {
        // this server forwards no agent: an SSH_AUTH_SOCK of the test's own environment must not look like one
        String cmd = "unset SSH_AUTH_SOCK; " + (extraPath == null ? command : "PATH=" + Shell.escape(extraPath.toString()) + ":$PATH; export PATH; " + command);
        return ROOT ? "setpriv --reuid=65534 --regid=65534 --clear-groups /bin/sh -c " + Shell.escape(cmd) : cmd;
    }

    int port() { return server.getPort(); }

    /** Adds this host's key to a known_hosts file. */
    void trust(Path knownHosts) throws Exception {
        String line = "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
        Files.writeString(knownHosts, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static KeyPair clientKey(Path file) throws Exception {
        KeyPair kp = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "capstan-test", null, out);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return kp;
    }

    /** A directory the host's commands may read (and write, when {@code writable}). */
    static Path dir(Path p, boolean writable) throws Exception {
        Files.createDirectories(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(writable ? "rwxrwxrwx" : "r-xr-xr-x"));
        return p;
    }

    @Override
    public void close() throws Exception {
        server.stop(true);
    }
}
