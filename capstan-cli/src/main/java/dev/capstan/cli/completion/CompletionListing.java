package dev.capstan.cli.completion;

import dev.capstan.config.Server;
import dev.capstan.dsl.Project;
import dev.capstan.dsl.ProjectLoader;
import dev.capstan.task.Task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The names the completion scripts ask for ({@code capstan completion list tasks|hosts|roles [STAGE]}), one per line.
 * Loading a project costs a Groovy start, so the answer is kept in the user's cache, keyed by the size and time of
 * every project file (and of Capstan's own jar): a repeated Tab costs a JVM start and a directory walk, no Groovy.
 */
final class CompletionListing {
    private CompletionListing() {}

    static List<String> names(Path dir, String kind, String stage, Map<String, String> env) {
        Path root = root(dir);
        if (root == null) return List.of();
        Path cache = cacheDir(env).resolve(digest(root + "\0" + kind + "\0" + stage) + ".txt");
        String key = key(root);
        try {
            List<String> cached = Files.exists(cache) ? Files.readAllLines(cache, StandardCharsets.UTF_8) : List.of();
            if (!cached.isEmpty() && cached.get(0).equals(key)) return cached.subList(1, cached.size());
        } catch (IOException unreadable) {
            // load it again below
        }
        List<String> names = load(root, kind, stage);
        try {
            Files.createDirectories(cache.getParent());
            List<String> lines = new ArrayList<>(List.of(key));
            lines.addAll(names);
            Path tmp = Files.createTempFile(cache.getParent(), "listing", ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException noCache) {
            // a read-only home: completion still works, only slower
        }
        return names;
    }

    private static List<String> load(Path root, String kind, String stage) {
        try {
            Project p = new ProjectLoader().load(root, "tasks".equals(kind) ? null : stage, c -> {});
            TreeSet<String> names = new TreeSet<>();
            switch (kind) {
                case "tasks" -> { for (Task t : p.tasks().all()) names.add(t.name()); }
                case "hosts" -> { for (Server s : p.config().servers().all()) names.add(s.hostname()); }
                case "roles" -> { for (Server s : p.config().servers().all()) names.addAll(s.roles()); }
                default -> { }
            }
            return List.copyOf(names);
        } catch (RuntimeException broken) {
            return List.of(); // a project that does not load completes nothing; running capstan shows why
        }
    }

    /** The directory with the Capfile, from {@code dir} upwards; null when there is none. */
    static Path root(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) if (Files.isRegularFile(d.resolve("Capfile"))) return d;
        return null;
    }

    /** Size and modification time of every file a listing depends on. */
    private static String key(Path root) {
        StringBuilder sb = new StringBuilder();
        List<Path> files = new ArrayList<>(List.of(root.resolve("Capfile")));
        for (String sub : List.of("config", "lib")) {
            if (!Files.isDirectory(root.resolve(sub))) continue;
            try (Stream<Path> s = Files.walk(root.resolve(sub))) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                sb.append("unreadable ").append(sub);
            }
        }
        try {
            files.add(Path.of(CompletionListing.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception noJar) {
            // classes from a directory (tests): the project files alone
        }
        for (Path f : files) {
            try {
                sb.append(f).append(' ').append(Files.size(f)).append(' ').append(Files.getLastModifiedTime(f).toMillis()).append(';');
            } catch (IOException gone) {
                sb.append(f).append(" gone;");
            }
        }
        return digest(sb.toString());
    }

    private static Path cacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
        return base.resolve("capstan/completion");
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
