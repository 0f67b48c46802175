package dev.capstan.remote;

import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-host DSL against the real local shell. */
class RemoteTest {
    private final List<Event> events = new ArrayList<>();
    @TempDir Path dir;

    private Remote remote() {
        return new Remote(Host.local(), new LocalBackend(), RemoteSettings.defaults(), events::add, new Cancellation());
    }

    @Test
    void aSecretWithValueArrivesLiterallyWhileAPlainOneStillExpands() throws Exception {
        String secret = "Zq9Pass!w0rd# $HOME & * \"q\" 'x' \\ `id` $(id)";
        Secrets secrets = new Secrets(() -> List.of(secret));
        Remote r = new Remote(Host.local(), new LocalBackend(), new RemoteSettings(new CommandMap(), Map.of("home_copy", "$HOME", "db_default", secret),
                null, null, secrets), events::add, new Cancellation());
        List<String> seen = new ArrayList<>();
        r.with(Map.of("db_pass", secret), () -> seen.add(r.capture(Map.of("strip", false), "printf %s \"$DB_PASS\"")));
        r.with(Map.of("path", "/opt/ruby/bin:$PATH"), () -> seen.add(r.capture("printf %s \"$PATH\"")));
        seen.add(r.capture("printf %s \"$HOME_COPY\""));
        seen.add(r.capture(Map.of("strip", false), "printf %s \"$DB_DEFAULT\""));
        assertThat(seen.get(0)).isEqualTo(secret);
        assertThat(seen.get(3)).as("a secret default_env value").isEqualTo(secret);
        assertThat(seen.get(1)).startsWith("/opt/ruby/bin:").isNotEqualTo("/opt/ruby/bin:$PATH");
        assertThat(seen.get(2)).isEqualTo(System.getenv("HOME"));
        assertThat(events).filteredOn(e -> e instanceof Event.CommandStarted).map(e -> ((Event.CommandStarted) e).command().loggedScript())
                .first().asString().contains("DB_PASS=[REDACTED]").doesNotContain("Zq9");
    }

    @Test
    void aRedactedValueBecomesASecretOfTheRun() {
        Secrets secrets = Secrets.none();
        Remote r = new Remote(Host.local(), new LocalBackend(), new RemoteSettings(new CommandMap(), Map.of(), null, null, secrets),
                events::add, new Cancellation());
        r.execute("echo", List.of(r.raw("-n"), Arg.redact("s3cret-in-list")));
        r.execute("echo", r.redact("s3cret"));
        assertThat(secrets.values()).containsExactly("s3cret-in-list", "s3cret");
        assertThat(secrets.contains("s3cret")).isTrue();
    }

    @Test
    void captureReturnsStrippedStdoutAndTestNeverRaises() {
        Remote r = remote();
        assertThat(r.capture("echo", "  hello  ")).isEqualTo("hello");
        assertThat(r.capture(Map.of("strip", false), "echo", "x")).isEqualTo("x\n");
        assertThat(r.test("false")).isFalse();
        assertThat(r.test("[ -d /tmp ]")).isTrue();
    }

    @Test
    void argumentsArriveLiterallyWhateverTheyContain() throws Exception {
        Remote r = remote();
        String hostile = "a b 'c' \"d\" $(touch pwned) `x` ; rm -rf / \n second line";
        Path target = dir.resolve("it's a \"file\" $HOME");
        r.execute("sh", "-c", "printf %s \"$1\" > \"$2\"", "sh", hostile, target.toString());
        assertThat(Files.readString(target)).isEqualTo(hostile);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void withinRunsInTheDirectoryAndFailsClearlyWhenItIsMissing() throws Exception {
        Remote r = remote();
        Path sub = Files.createDirectory(dir.resolve("my app"));
        List<String> seen = new ArrayList<>();
        r.within(sub.toString(), () -> seen.add(r.capture("pwd")));
        assertThat(seen).containsExactly(sub.toString());
        assertThatThrownBy(() -> r.within(dir.resolve("missing").toString(), () -> r.execute("true")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Directory does not exist");
    }

    @Test
    void snippetsHonourWithinAndWith() throws Exception {
        Remote r = remote();
        List<String> seen = new ArrayList<>();
        r.within(dir.toString(), () -> r.with(Map.of("rails_env", "production"), () ->
                seen.add(r.capture("echo \"$RAILS_ENV in $(pwd)\""))));
        assertThat(seen).containsExactly("production in " + dir);
    }

    @Test
    void aMultiLineStringRunsAsOneScript() throws Exception {
        Remote r = remote();
        List<String> seen = new ArrayList<>();
        r.within(dir.toString(), () -> seen.add(r.capture("""
                if test -d /tmp
                then
                  echo yes
                fi
                cat <<EOT
                heredoc
                EOT
                """)));
        assertThat(seen).containsExactly("yes\nheredoc");
    }

    @Test
    void aFailedCommandNamesHostCommandStatusAndOutputTail() {
        Remote r = remote();
        assertThatThrownBy(() -> r.execute("ls", "/definitely/missing"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("ls exit status: 2 on ")
                .hasMessageContaining("command: /usr/bin/env ls /definitely/missing")
                .hasMessageContaining("ls stdout: Nothing written")
                .hasMessageContaining("No such file or directory");
    }

    @Test
    void outputIsStreamedAsLinesWithTheCommandId() {
        Remote r = remote();
        r.execute("printf 'one\\ntwo\\r\\nthree'");
        List<String> lines = events.stream().filter(e -> e instanceof Event.CommandOutput)
                .map(e -> ((Event.CommandOutput) e).line()).toList();
        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void aCommandWaitingForInputGetsEndOfFileInsteadOfHanging() {
        Remote r = remote();
        assertThat(r.capture(Map.of("timeout", 5), "sh", "-c", "read x || echo eof")).isEqualTo("eof");
    }

    @Test
    void anInteractionHandlerAnswersAPrompt() {
        Remote r = remote();
        String out = r.capture(Map.of("interaction_handler", Map.of("Password:", "s3cret\n"), "timeout", 5),
                "sh", "-c", "printf 'Password: '; read pw; echo got:$pw");
        assertThat(out).endsWith("got:s3cret");
    }

    @Test
    void aHangingCommandTimesOut() {
        Remote r = remote();
        assertThatThrownBy(() -> r.execute(Map.of("timeout", Duration.ofMillis(300)), "sleep", "20"))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("sleep timed out after 0.3 s");
    }

    @Test
    void uploadAndDownloadCopyFiles() throws Exception {
        Remote r = remote();
        Path src = Files.writeString(dir.resolve("src.txt"), "content");
        r.upload(src, dir.resolve("dst.txt").toString());
        assertThat(r.download(dir.resolve("dst.txt").toString())).isEqualTo("content");
        assertThat(events).anyMatch(e -> e instanceof Event.TransferProgress p && p.bytes() == 7);
    }

    @Test
    void redactedValuesAreSentButNeverShown() {
        Remote r = remote();
        String out = r.capture("echo", r.redact("p@ss w0rd"));
        assertThat(out).isEqualTo("p@ss w0rd");
        Event.CommandStarted started = (Event.CommandStarted) events.stream()
                .filter(e -> e instanceof Event.CommandStarted).findFirst().orElseThrow();
        assertThat(started.command().summary()).isEqualTo("/usr/bin/env echo [REDACTED]");
        assertThat(started.command().loggedScript()).doesNotContain("p@ss");
    }
}
