package dev.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A host's deploy directory as the host itself sees it (through {@code /proc/SSHD_PID/root/srv}, its own mount
 * namespace; the bind-mounted directory when its sshd is down): which release {@code current} points to, whether
 * that release is complete, the releases present and the lock.
 */
record ReleaseOnDisk(String host, String current, String problem, List<String> releases, String revision, String lockInfo) {
    boolean complete() { return problem == null; }

    boolean locked() { return lockInfo != null; }

    static ReleaseOnDisk read(FleetHost h, String deployTo, ReleaseContent content, List<String> linked) throws IOException {
        Path dir = seen(h, deployTo);
        Path lock = dir.resolve(".capstan-lock");
        String lockInfo = Files.isDirectory(lock) ? (Files.exists(lock.resolve("info")) ? Files.readString(lock.resolve("info")).strip() : "(no info)") : null;
        List<String> releases = new ArrayList<>();
        if (Files.isDirectory(dir.resolve("releases"))) {
            try (Stream<Path> s = Files.list(dir.resolve("releases"))) {
                s.map(p -> p.getFileName().toString()).sorted().forEach(releases::add);
            }
        }
        Path cur = dir.resolve("current");
        if (!Files.isSymbolicLink(cur)) {
            return new ReleaseOnDisk(h.name, null, Files.exists(cur) ? "current is not a symlink" : "no current", releases, null, lockInfo);
        }
        String target = Files.readSymbolicLink(cur).toString();
        Path resolved = target.startsWith("/") ? seen(h, target) : dir.resolve(target).normalize();
        String name = Path.of(target).getFileName().toString();
        if (!dir.resolve("releases").normalize().equals(resolved.normalize().getParent())) {
            return new ReleaseOnDisk(h.name, name, "current -> " + target + " is not a release", releases, null, lockInfo);
        }
        if (!Files.isDirectory(resolved)) return new ReleaseOnDisk(h.name, name, "current -> " + name + ", which does not exist", releases, null, lockInfo);
        Path rev = resolved.resolve("REVISION");
        String revision = Files.exists(rev) ? Files.readString(rev).strip() : "";
        if (revision.isEmpty()) return new ReleaseOnDisk(h.name, name, "current -> " + name + ", which has no REVISION", releases, null, lockInfo);
        String missing = Files.exists(resolved.resolve(".capstan-unfinished")) ? "is marked unfinished" : content.missingIn(resolved, revision);
        if (missing == null) missing = missingLinks(resolved, linked);
        return new ReleaseOnDisk(h.name, name, missing == null ? null : "current -> " + name + ", which " + missing, releases, revision, lockInfo);
    }

    /** What the host sees at {@code absolute} (a path under /srv). */
    static Path seen(FleetHost h, String absolute) {
        if (h.sshd != null && h.sshd.isAlive()) return Path.of("/proc/" + h.sshd.pid() + "/root" + absolute);
        return h.srv().resolve(absolute.replaceFirst("^/srv/?", ""));
    }

    /** A linked file or dir that is not a symlink to something that exists, or null. */
    private static String missingLinks(Path release, List<String> linked) {
        for (String l : linked) {
            Path p = release.resolve(l);
            if (!Files.isSymbolicLink(p)) return "lacks the link " + l;
        }
        return null;
    }
}
