package dev.capstan.remote.backend.ssh;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/** Loads private key files, failing loudly (naming the file) when one yields no key. */
final class KeyFiles {
    private static final List<String> DEFAULT_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private KeyFiles() {}

    /** Every key pair in {@code files}; an unreadable, encrypted or unsupported file is an error naming it. */
    static List<KeyPair> load(List<Path> files) {
        List<KeyPair> keys = new ArrayList<>();
        for (Path f : files) keys.addAll(loadOne(f));
        return keys;
    }

    /** OpenSSH's default identities that exist and load; the rest are skipped quietly, as ssh does. */
    static List<Path> defaults() {
        List<Path> found = new ArrayList<>();
        for (String n : DEFAULT_NAMES) {
            Path p = SshSettings.home().resolve(".ssh").resolve(n);
            if (Files.isReadable(p)) found.add(p);
        }
        return found;
    }

    static List<KeyPair> loadQuietly(List<Path> files) {
        List<KeyPair> keys = new ArrayList<>();
        for (Path f : files) {
            try {
                keys.addAll(loadOne(f));
            } catch (IllegalArgumentException ignored) {
                // a default key we cannot use (e.g. one with a passphrase): the agent may still have it
            }
        }
        return keys;
    }

    private static List<KeyPair> loadOne(Path file) {
        if (!Files.exists(file)) throw new IllegalArgumentException("ssh key file " + file + " does not exist");
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
            if (loaded != null) loaded.forEach(keys::add);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load ssh key file " + file + ": " + e.getMessage()
                    + " (a key with a passphrase must be added to ssh-agent instead)", e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("ssh key file " + file + " contains no usable key"
                    + (SecurityUtils.isEDDSACurveSupported() ? "" : " (ed25519 support is missing: net.i2p.crypto:eddsa is not on the classpath)"));
        }
        return keys;
    }
}
