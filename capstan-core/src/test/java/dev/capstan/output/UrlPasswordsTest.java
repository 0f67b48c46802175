package dev.capstan.output;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class UrlPasswordsTest {
    /** The rule as a regular expression: the scan must hide exactly what it hides. */
    private static final Pattern RULE = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)([^@\\s/]+)(@)");

    private static String byRule(String s) {
        return RULE.matcher(s).replaceAll("$1" + Matcher.quoteReplacement("[X]") + "$3");
    }

    @Test
    void hidesPasswordsInUrls() {
        assertThat(UrlPasswords.mask("git clone https://bob:pa$$w0rd@git.example.com/x.git and ssh://u:p@h", "[X]"))
                .isEqualTo("git clone https://bob:[X]@git.example.com/x.git and ssh://u:[X]@h");
        assertThat(UrlPasswords.mask("svn+ssh://me:a:b@host/repo", "[X]")).isEqualTo("svn+ssh://me:[X]@host/repo");
        assertThat(UrlPasswords.mask("(https://bob:pw@h)", "[X]")).isEqualTo("(https://bob:[X]@h)");
    }

    @Test
    void leavesOtherTextAlone() {
        for (String s : new String[] {"https://git.example.com/x.git", "mailto-like bob@host", "ssh://deploy@10.0.0.1:22/srv/git",
                "1ssh://u:p@h", "_ssh://u:p@h", "://u:p@h", "https://u:@h", "https://:p@h", "https://u:p h@x", "no url here"}) {
            assertThat(UrlPasswords.mask(s, "[X]")).as(s).isEqualTo(s).isEqualTo(byRule(s));
        }
    }

    @Test
    void agreesWithTheRuleOnRandomText() {
        String alphabet = "ab1_+.-:/@ \nhs";
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) sb.append(random.nextInt(6) == 0 ? "://" : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            String s = sb.toString();
            assertThat(UrlPasswords.mask(s, "[X]")).as(s).isEqualTo(byRule(s));
        }
    }
}
