package dev.capstan.dsl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every ```groovy example in docs/dsl.md loads as a config file of a real project. */
class DocsExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL);

    @TempDir Path dir;

    @TestFactory
    List<DynamicTest> everyExampleLoads() throws Exception {
        String doc = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/dsl.md"));
        Matcher m = BLOCK.matcher(doc);
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        while (m.find()) {
            String example = m.group(1);
            int index = ++n;
            tests.add(DynamicTest.dynamicTest("example " + index + ": " + example.lines().findFirst().orElse(""), () -> {
                DslFixture f = new DslFixture(dir.resolve("ex" + index))
                        .write("Capfile", "use 'deploy'\nuse 'scm/git'\n")
                        .write("config/deploy.groovy", example);
                assertThat(f.load("test").config()).isNotNull();
            }));
        }
        assertThat(tests).hasSizeGreaterThan(15);
        return tests;
    }
}
