package dev.capstan.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a release of a revision must hold: every file of that commit with its content (compared by git blob id, so a
 * release overwritten in place by another revision is caught too). Reads the fleet's work clone.
 */
final class ReleaseContent {
    private record Entry(String path, String blob) {}

    private final Path work;
    private final Map<String, List<Entry>> trees = new ConcurrentHashMap<>();

    ReleaseContent(Path work) {
        this.work = work;
    }

    /** What is wrong with {@code release} as a checkout of {@code revision} ("lacks index.html"), or null. */
    String missingIn(Path release, String revision) throws IOException {
        List<Entry> tree = trees.computeIfAbsent(revision, this::tree);
        if (tree.isEmpty()) return "has REVISION " + revision + ", not a commit of the repository";
        for (Entry e : tree) {
            Path f = release.resolve(e.path());
            if (!Files.isRegularFile(f)) return "lacks " + e.path();
            if (!blob(Files.readAllBytes(f)).equals(e.blob())) return "has " + e.path() + " of another revision";
        }
        return null;
    }

    private List<Entry> tree(String revision) {
        Shell.Result r = Shell.run(null, Map.of(), 30, List.of("git", "-C", work.toString(), "ls-tree", "-r", revision));
        if (r.status() != 0) return List.of();
        // "<mode> blob <sha>\t<path>"
        return r.out().lines().filter(l -> l.contains(" blob ")).map(l -> new Entry(l.substring(l.indexOf('\t') + 1),
                l.substring(l.indexOf(" blob ") + 6, l.indexOf('\t')))).toList();
    }

    private static String blob(byte[] content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
