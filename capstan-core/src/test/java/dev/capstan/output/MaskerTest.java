package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaskerTest {
    @Test
    void masksSecretValuesLongestFirstAndPasswordsInUrls() {
        Masker m = new Masker(() -> List.of("abc", "abcdef"));
        assertThat(m.mask("x abcdef y abc z")).isEqualTo("x [REDACTED] y [REDACTED] z");
        assertThat(m.mask("git clone https://bob:pa$$w0rd@git.example.com/x.git and ssh://u:p@h"))
                .isEqualTo("git clone https://bob:[REDACTED]@git.example.com/x.git and ssh://u:[REDACTED]@h");
        assertThat(m.mask("https://git.example.com/x.git and mailto-like bob@host")).isEqualTo("https://git.example.com/x.git and mailto-like bob@host");
    }

    @Test
    void ignoresValuesTooShortToBeSecretsButMasksRegexCharactersLiterally() {
        Masker m = new Masker(() -> List.of("", "1", "ab", "a.*$1"));
        assertThat(m.mask("1 ab a.*$1 aXX")).isEqualTo("1 ab [REDACTED] aXX");
    }

    @Test
    void secretsKnownOnlyLaterAreMaskedFromTheNextRefresh() {
        List<String> secrets = new ArrayList<>();
        Masker m = new Masker(() -> List.copyOf(secrets));
        assertThat(m.mask("answer 42secret")).isEqualTo("answer 42secret");
        secrets.add("42secret");
        m.refresh();
        assertThat(m.mask("answer 42secret")).isEqualTo("answer [REDACTED]");
    }

    @Test
    void masksEveryShownTextOfAnEventIncludingAHostsError() {
        Masker m = new Masker(() -> List.of("hunter2"));
        Host web1 = Host.parse("deploy@web1");
        Command c = new Command("id1", "echo", "echo hunter2", "echo hunter2", "echo hunter2", Verbosity.INFO, true, null);
        Instant t = Instant.EPOCH;
        assertThat(((Event.CommandStarted) m.mask(new Event.CommandStarted(t, c, web1))).command())
                .satisfies(x -> assertThat(List.of(x.summary(), x.script(), x.loggedScript())).containsOnly("echo [REDACTED]"));
        assertThat(((Event.CommandOutput) m.mask(new Event.CommandOutput(t, c, web1, Event.Stream.STDOUT, "hunter2"))).line()).isEqualTo("[REDACTED]");
        assertThat(((Event.LogMessage) m.mask(new Event.LogMessage(t, null, Verbosity.INFO, "pw hunter2"))).message()).isEqualTo("pw [REDACTED]");
        assertThat(((Event.HostFinished) m.mask(new Event.HostFinished(t, "b", web1, new IllegalStateException("bad hunter2")))).error())
                .hasMessage("bad [REDACTED]");
        assertThat(((Event.RunStarted) m.mask(new Event.RunStarted(t, "capstan x -s pw=hunter2"))).commandLine()).isEqualTo("capstan x -s pw=[REDACTED]");
    }

    static final String SPECIAL = "Zq9Pass!w0rd#$x&y*z a\"b'c\\d";

    @Test
    void masksEveryFormCapstanWritesASecretIn() {
        Masker m = new Masker(() -> List.of(SPECIAL));
        List<String> forms = List.of(SPECIAL, dev.capstan.remote.Shell.escape(SPECIAL), dev.capstan.remote.Shell.doubleQuoted(SPECIAL),
                dev.capstan.remote.Shell.singleQuoted(SPECIAL), Json.escape(SPECIAL), HtmlReport.esc(SPECIAL),
                SecretForms.urlEncoded(SPECIAL), SecretForms.urlEncoded(SPECIAL).replace("+", "%20"),
                dev.capstan.remote.Shell.escape(dev.capstan.remote.Shell.escape(SPECIAL)), Json.escape(dev.capstan.remote.Shell.escape(SPECIAL)));
        for (String f : forms) {
            assertThat(m.mask("mysql -p" + f + " done")).as(f).doesNotContain("Zq9").doesNotContain("w0rd").endsWith(" done");
        }
        assertThat(m.mask("mysql -p" + dev.capstan.remote.Shell.escape(SPECIAL) + " x")).isEqualTo("mysql -p[REDACTED] x");
    }

    @Test
    void aPasswordSeenInAUrlIsMaskedAnywhereAfterwardsAlsoDecoded() {
        Masker m = new Masker(List::of);
        assertThat(m.mask("git clone https://bob:Zq9%21w0rd%23@git.example.com/x.git"))
                .isEqualTo("git clone https://bob:[REDACTED]@git.example.com/x.git");
        assertThat(m.mask("fatal: password Zq9!w0rd# rejected; Zq9%21w0rd%23")).isEqualTo("fatal: password [REDACTED] rejected; [REDACTED]");
    }

    @Test
    void masksInOnePassLongestFormFirst() {
        Masker m = new Masker(() -> List.of("abc", "abcdef", "ébène"));
        assertThat(m.mask("abcdefabc-abcab ébène")).isEqualTo("[REDACTED][REDACTED]-[REDACTED]ab [REDACTED]");
        Masker overlapping = new Masker(() -> List.of("xyz123", "123secret"));
        assertThat(overlapping.mask("a xyz123secret b")).isEqualTo("a [REDACTED] b");
    }
}
