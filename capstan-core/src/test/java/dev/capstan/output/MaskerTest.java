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
}
