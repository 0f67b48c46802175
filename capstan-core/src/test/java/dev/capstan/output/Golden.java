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
final class Golden {
    static final Path DIR = Path.of("src/test/resources/output");

    private Golden() {}

    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file %s (run with -Dgolden.update=true to create it)", file).exists();
            assertThat(actual).as("output vs golden file %s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escape sequences shown as {@code \e} so golden files stay readable. */
    static String visible(String text) {
        return text.replace("\u001b", "\\e");
    }
}
