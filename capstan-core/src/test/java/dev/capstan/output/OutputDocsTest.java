package dev.capstan.output;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transcripts in docs/output.md are the golden files, verbatim: each block after
 * {@code <!-- golden: NAME -->}. {@code -Dgolden.update=true} copies them in.
 */
class OutputDocsTest {
    private static final Path DOC = Path.of("../docs/output.md");
    private static final Pattern BLOCK = Pattern.compile("<!-- golden: (\\S+) -->\n```\n(.*?)```\n", Pattern.DOTALL);

    @Test
    void transcriptsInTheDocsAreTheGoldenFiles() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(doc);
        StringBuilder updated = new StringBuilder();
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String golden = Files.readString(Golden.DIR.resolve(m.group(1)), StandardCharsets.UTF_8);
            if (Boolean.getBoolean("golden.update")) {
                m.appendReplacement(updated, Matcher.quoteReplacement("<!-- golden: " + m.group(1) + " -->\n```\n" + golden + "```\n"));
            } else {
                assertThat(m.group(2)).as("transcript of %s in %s", m.group(1), DOC).isEqualTo(golden);
            }
        }
        m.appendTail(updated);
        if (Boolean.getBoolean("golden.update")) Files.writeString(DOC, updated.toString(), StandardCharsets.UTF_8);
        assertThat(blocks).isEqualTo(7);
    }
}
