package dev.capstan.remote.backend.ssh;

import java.io.IOException;
import java.nio.file.Path;

/** Adds numbered host lines to a known_hosts file; run as a second process by {@link KnownHostsFileIT}. */
public final class KnownHostsFileWriter {
    private KnownHostsFileWriter() {}

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
    }

    static String line(String prefix, int i) {
        return prefix + "-" + i + ".example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + prefix + i;
    }

    static void write(Path file, String prefix, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String host = prefix + "-" + i + ".example ";
            KnownHostsFile.addUnlessKnown(file, line(prefix, i), l -> l.startsWith(host));
        }
    }
}
