package dev.capstan.cli.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files of a Capistrano project and where each goes in Capstan's layout. */
final class CapistranoFiles {
    /** {@code from} and {@code to} are relative to the project root. */
    record Mapping(String from, String to) {}

    private CapistranoFiles() {}

    static List<Mapping> of(Path root) throws IOException {
        List<Mapping> out = new ArrayList<>();
        for (String name : List.of("Capfile", "capfile", "Capfile.rb")) {
            if (Files.isRegularFile(root.resolve(name))) {
                out.add(new Mapping(name, "Capfile"));
                break;
            }
        }
        if (Files.isRegularFile(root.resolve("config/deploy.rb"))) out.add(new Mapping("config/deploy.rb", "config/deploy.groovy"));
        for (Path p : list(root.resolve("config/deploy"), ".rb")) {
            out.add(new Mapping("config/deploy/" + p.getFileName(), "config/deploy/" + base(p) + ".groovy"));
        }
        for (String ext : List.of(".rake", ".rb", ".cap")) {
            for (Path p : list(root.resolve("lib/capistrano/tasks"), ext)) {
                out.add(new Mapping("lib/capistrano/tasks/" + p.getFileName(), "lib/capstan/tasks/" + base(p) + ".groovy"));
            }
        }
        return out;
    }

    private static String base(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static List<Path> list(Path dir, String ext) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(ext) && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
