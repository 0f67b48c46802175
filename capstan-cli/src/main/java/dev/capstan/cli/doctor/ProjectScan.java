package dev.capstan.cli.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the project's DSL files say without running them: the variable names they {@code fetch} (so a variable
 * read by a task that did not run is known), the users they switch to with {@code as}, and whether they call sudo.
 */
record ProjectScan(Set<String> fetched, Set<String> asUsers, boolean sudo) {
    private static final Pattern FETCH = Pattern.compile("\\b(?:fetch|any|fetch_list)\\s*\\(?\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]");
    private static final Pattern AS = Pattern.compile("\\b(?:as|as_user)\\s*\\(?\\s*(?:user:\\s*)?['\"]([A-Za-z_][A-Za-z0-9_.-]*)['\"]");
    private static final Pattern SUDO = Pattern.compile("\\bsudo\\b");

    static ProjectScan of(Path root) {
        Set<String> fetched = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        boolean sudo = false;
        if (root == null) return new ProjectScan(fetched, users, false);
        for (Path f : files(root)) {
            String text;
            try {
                text = Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            collect(FETCH, text, fetched);
            collect(AS, text, users);
            sudo |= SUDO.matcher(text).find();
        }
        return new ProjectScan(fetched, users, sudo);
    }

    private static void collect(Pattern p, String text, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) into.add(m.group(1));
    }

    /** The Capfile, task files, config/deploy.groovy and the stage files. */
    private static List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("Capfile"))) out.add(root.resolve("Capfile"));
        for (String dir : List.of("lib/capstan/tasks", "config", "config/deploy")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.toString().endsWith(".groovy")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + d, e);
            }
        }
        return out;
    }
}
