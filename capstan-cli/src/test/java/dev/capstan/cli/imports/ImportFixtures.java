package dev.capstan.cli.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Capistrano projects under src/test/resources/import/, copied where a test may change them. */
final class ImportFixtures {
    private ImportFixtures() {}

    static Path root() {
        try {
            return Path.of(ImportFixtures.class.getResource("/import").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The stage to compare with cap, or null when the fixture is not compared. */
    static String compareStage(String name) throws IOException {
        Path f = root().resolve(name).resolve("compare");
        return Files.exists(f) ? Files.readString(f).strip() : null;
    }

    static Path copy(String name, Path to) {
        Path from = root().resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
