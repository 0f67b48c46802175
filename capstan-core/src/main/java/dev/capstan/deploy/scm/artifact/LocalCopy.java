package dev.capstan.deploy.scm.artifact;

import dev.capstan.remote.Host;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * For {@code push}: the artifact fetched once onto the deploying machine (a local file is used where it is), its
 * digest checked, before it is uploaded to every host. Progress is reported as a download on this machine.
 */
final class LocalCopy implements AutoCloseable {
    private final Path file;
    private final Path ownDir;

    private LocalCopy(Path file, Path ownDir) {
        this.file = file;
        this.ownDir = ownDir;
    }

    Path file() { return file; }

    static LocalCopy of(ArtifactRun run, EventListener events) {
        ResolvedArtifact a = run.artifact();
        if (run.settings().source() instanceof ArtifactSource.LocalFile f) {
            check(a, f.path(), ArtifactResolver.sha256(f.path()).hex());
            return new LocalCopy(f.path(), null);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("capstan-artifact");
        } catch (IOException e) {
            throw new ArtifactException("cannot create a temporary directory for " + a.fileName() + ": " + e.getMessage());
        }
        Path target = dir.resolve(a.fileName());
        LocalCopy copy = new LocalCopy(target, dir);
        try {
            check(a, target, download(run, target, events));
            return copy;
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /** Streams the URL into {@code target}, hashing as it goes; returns the SHA-256. */
    private static String download(ArtifactRun run, Path target, EventListener events) {
        ResolvedArtifact a = run.artifact();
        String shown = ArtifactRun.shown(a.url());
        HttpRequest.Builder b = HttpRequest.newBuilder(a.url()).timeout(Duration.ofMinutes(30)).GET();
        if (run.authorization() != null) b.header("Authorization", run.authorization());
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(target)) {
                if (r.statusCode() != 200) {
                    throw new ArtifactException(shown + " answered HTTP " + r.statusCode()
                            + (r.statusCode() == 403 ? " (forbidden: credentials refused, or a presigned URL expired)" : ""));
                }
                long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                String id = "artifact-" + a.checksum().hex().substring(0, 8);
                byte[] buf = new byte[1 << 16];
                long done = 0;
                long reported = 0;
                long reportedAt = System.nanoTime();
                if (total != 0) events.on(new Event.TransferProgress(Instant.now(), Host.local(), id, Event.Direction.DOWNLOAD, shown, 0, total));
                for (int n; (n = read(in, buf, shown, done, total)) > 0; ) {
                    out.write(buf, 0, n);
                    md.update(buf, 0, n);
                    done += n;
                    // every MiB or every tenth of a second, whichever comes first: a slow server still moves the bar
                    // (the report of the whole comes once, after the loop)
                    boolean due = done - reported >= (1 << 20) || System.nanoTime() - reportedAt >= 100_000_000L;
                    if (due && done != total) {
                        events.on(new Event.TransferProgress(Instant.now(), Host.local(), id, Event.Direction.DOWNLOAD, shown, done, total));
                        reported = done;
                        reportedAt = System.nanoTime();
                    }
                }
                if (total >= 0 && done != total) throw new ArtifactException(shown + ": the download was cut short (" + done + " of " + total + " bytes)");
                events.on(new Event.TransferProgress(Instant.now(), Host.local(), id, Event.Direction.DOWNLOAD, shown, done, done));
                return HexFormat.of().formatHex(md.digest());
            }
        } catch (IOException e) {
            throw new ArtifactException(shown + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException(shown + ": interrupted");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A read that fails mid-body is a cut connection, and says how far it got. */
    private static int read(InputStream in, byte[] buf, String shown, long done, long total) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw new ArtifactException(shown + ": the download was cut short after " + done + (total < 0 ? "" : " of " + total) + " bytes ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()) + ")");
        }
    }

    private static void check(ResolvedArtifact a, Path file, String sha256) {
        if (!a.checksum().algorithm().equals("sha256")) return; // a sha1 from a Maven repository is checked on each host
        if (!sha256.equals(a.checksum().hex())) {
            throw new ArtifactException(file.getFileName() + ": checksum mismatch on this machine: expected sha256 " + a.checksum().hex() + ", got " + sha256);
        }
    }

    @Override
    public void close() {
        if (ownDir == null) return;
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(ownDir);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
