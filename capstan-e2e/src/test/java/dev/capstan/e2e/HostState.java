package dev.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a host's deploy directory holds, read from the host's own /srv on disk. */
record HostState(String current, List<String> releases, String revision, List<String> revisionLog, boolean locked) {
    static HostState of(FleetHost h, String deployTo) throws IOException {
        Path d = h.srv().resolve(deployTo.replaceFirst("^/srv/", ""));
        Path cur = d.resolve("current");
        String current = Files.isSymbolicLink(cur) ? Files.readSymbolicLink(cur).getFileName().toString() : null;
        List<String> releases;
        if (Files.isDirectory(d.resolve("releases"))) {
            try (Stream<Path> s = Files.list(d.resolve("releases"))) {
                releases = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
        } else {
            releases = List.of();
        }
        String revision = current == null ? null : Files.readString(d.resolve("releases").resolve(current).resolve("REVISION")).trim();
        List<String> log = Files.exists(d.resolve("revisions.log")) ? Files.readAllLines(d.resolve("revisions.log")) : List.of();
        return new HostState(current, releases, revision, log, Files.exists(d.resolve(".capstan-lock")));
    }
}
