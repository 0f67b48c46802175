package dev.capstan.remote.backend.ssh;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Adds lines to a known_hosts file so that none is ever lost when many hosts (in this process or in several
 * Capstan processes) are trusted for the first time at once: under an exclusive lock on {@code FILE.lock} (a
 * separate file, since the known_hosts file itself is replaced), the file is read again, the host's own lines
 * are looked for, and only if there are none the old content plus the new line is written to a temporary file
 * that atomically replaces the original (a reader never sees half a file, a crash never leaves one).
 */
final class KnownHostsFile {
    static final long LOCK_WAIT_MILLIS = 30_000;

    private KnownHostsFile() {}

    /**
     * Appends {@code line} unless the file already has lines for the host ({@code sameHost}).
     *
     * @return the host's lines found (then nothing was written), or an empty list when {@code line} was added
     */
    static List<String> addUnlessKnown(Path file, String line, Predicate<String> sameHost) throws IOException {
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (FileChannel lockFile = FileChannel.open(target.resolveSibling(target.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lock(lockFile, target)) {
            String content = Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8) : "";
            List<String> known = content.lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#") && sameHost.test(l)).toList();
            if (!known.isEmpty()) return known;
            String updated = content + (content.isEmpty() || content.endsWith("\n") ? "" : "\n") + line + "\n";
            replace(target, updated);
            return List.of();
        }
    }

    /** Waits for the lock: held by another process, {@code lock()} blocks; held in this one, it throws, so poll. */
    private static FileLock lock(FileChannel channel, Path file) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT_MILLIS * 1_000_000;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) return lock;
            } catch (OverlappingFileLockException heldInThisProcess) {
                // another thread of this process writes the file: wait for it
            }
            if (System.nanoTime() > deadline) throw new IOException("could not lock " + file + ".lock for " + LOCK_WAIT_MILLIS / 1000 + " s");
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to write " + file, e);
            }
        }
    }

    private static void replace(Path target, String content) throws IOException {
        Set<PosixFilePermission> mode = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
