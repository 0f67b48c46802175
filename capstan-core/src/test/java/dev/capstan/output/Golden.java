package dev.capstan.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a text with its golden file under {@code src/test/resources/output/}. Run with
 * {@code -Dgolden.update=true} to rewrite the files (then review the diff).
 */
public final class Golden {
    static final Path DIR = Path.of("src/test/resources/output");

    private Golden() {}

    static void assertMatches(String name, String actual) {
        assertMatches(DIR, name, actual);
    }

    /** Compares with {@code dir/name}; a change fails with the differing lines, numbered. */
    public static void assertMatches(Path dir, String name, String actual) {
        Path file = dir.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(dir);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file %s (run with -Dgolden.update=true to create it)", file).exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual).as("output vs golden file %s (-Dgolden.update=true rewrites it):%n%s", file, diff(expected, actual)).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines that differ, numbered ({@code 12 - old}, {@code 12 + new}), at most 40. */
    static String diff(String expected, String actual) {
        java.util.List<String> a = expected.lines().toList();
        java.util.List<String> b = actual.lines().toList();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()) && out.size() < 40; i++) {
            String x = i < a.size() ? a.get(i) : null;
            String y = i < b.size() ? b.get(i) : null;
            if (x != null && x.equals(y)) continue;
            if (x != null) out.add((i + 1) + " - " + x);
            if (y != null) out.add((i + 1) + " + " + y);
        }
        return String.join("\n", out);
    }

    /** Escape sequences shown as {@code \e} so golden files stay readable. */
    static String visible(String text) {
        return text.replace("\u001b", "\\e");
    }
}
