package dev.capstan.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code upload dir, dest, recursive: true}: the directories in one {@code mkdir -p}, then each file. */
final class DirectoryUpload {
    private final Remote remote;
    private final Path dir;

    DirectoryUpload(Remote remote, Path dir) {
        this.remote = remote;
        this.dir = dir;
    }

    void to(String target) {
        List<Path> dirs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted().forEach(p -> (Files.isDirectory(p) ? dirs : files).add(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + " for upload", e);
        }
        List<Object> mkdir = new ArrayList<>(List.of("mkdir", "-p"));
        for (Path d : dirs) mkdir.add(remotePath(target, d));
        remote.execute(mkdir.toArray());
        for (Path f : files) remote.upload(f, remotePath(target, f));
    }

    private String remotePath(String target, Path local) {
        String rel = dir.relativize(local).toString().replace('\\', '/');
        return rel.isEmpty() ? target : target + "/" + rel;
    }
}
