package dev.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real CLI, as a separate process, on a project whose secrets contain every shell-special character: a
 * {@code secret} variable, an {@code ask … echo: false} answer (its default, and typed at the prompt on a terminal),
 * a password in {@code repo_url} and a {@code redact} value, used as arguments, in {@code with}, printed by commands
 * and by the task's own code, logged, and in the errors of failing tasks. Every channel (stdout and stderr of each
 * format, {@code --trace}, {@code --dry-run}, the terminal, the log file, the HTML reports) is searched for each
 * secret in every form it could be written in; none may appear.
 */
class SecretsHarnessIT {
    static final String SPECIAL = "!#$&* \"'\\`;|<>(){}~?[]%+=^";
    static final Map<String, String> SECRETS = Map.of(
            "secret variable", "Zq9Pass" + SPECIAL + "$HOME w0rd",
            "ask answer", "Tok3nAsk" + SPECIAL + "$USER",
            "repo_url password", "Bob9Url" + SPECIAL,
            "redact value", "Red4cted" + SPECIAL,
            "ask answer typed on a terminal", "Tty5Typed" + SPECIAL);

    @TempDir Path dir;
    final Map<String, String> channels = new LinkedHashMap<>();

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void noSecretAppearsOnAnyChannelInAnyForm() throws Exception {
        project();
        for (String format : List.of("concise", "pretty", "dot", "json")) {
            run(1, format, "qa", "leak", "boom", "--format", format, "--log-level", "debug", "--report", "report-" + format + ".html");
            channels.put("report (" + format + ")", Files.readString(dir.resolve("report-" + format + ".html")));
        }
        // a secret given as NAME=value on the command line (shown in the log's START line and the report)
        run(0, "info", "qa", "leak", "api_token=" + SECRETS.get("ask answer typed on a terminal"));
        run(1, "trace", "qa", "leak", "raise", "--trace");
        run(0, "dry-run", "qa", "leak", "boom", "--dry-run", "--log-level", "debug");
        // the with values arrived exactly as written (a secret is passed literally: no $ expansion)
        assertThat(Files.readString(dir.resolve("with.out")))
                .isEqualTo(SECRETS.get("secret variable") + "\n" + SECRETS.get("ask answer") + "\n");
        runOnTerminal(SECRETS.get("ask answer typed on a terminal"), "qa", "leak", "--log-level", "debug");
        assertThat(Files.readString(dir.resolve("with.out"))).as("the answer typed at the prompt was used")
                .isEqualTo(SECRETS.get("secret variable") + "\n" + SECRETS.get("ask answer typed on a terminal") + "\n");
        channels.put("log/capstan.log", Files.readString(dir.resolve("log/capstan.log")));
        assertThat(channels.get("stderr (trace)")).contains("capstan aborted!", "Caused by", "** Invoke raise");
        assertThat(channels.get("stderr (concise)")).contains("localhost: exit status 3", "straight to stderr: [REDACTED]", "library log: [REDACTED]");
        assertThat(channels.get("stdout (info)")).contains("println from the task: [REDACTED]");
        assertThat(channels.get("stdout (json)")).contains("\"event\":\"command_output\"");
        // the secrets were there to be hidden: each of these channels shows where one was
        for (String c : List.of("stdout (concise)", "stdout (pretty)", "stdout (json)", "stderr (concise)", "stderr (trace)",
                "stdout (dry-run)", "report (pretty)", "log/capstan.log")) {
            assertThat(channels.get(c)).as(c).contains("[REDACTED]");
        }

        List<String> leaks = new ArrayList<>();
        int checks = 0;
        for (Map.Entry<String, String> channel : channels.entrySet()) {
            for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
                String distinctive = secret.getValue().substring(0, 7); // "Zq9Pass": in every form of the value
                checks++;
                if (channel.getValue().contains(distinctive)) leaks.add(channel.getKey() + ": part of the " + secret.getKey());
                for (Map.Entry<String, String> form : SecretForms.of(secret.getValue()).entrySet()) {
                    checks++;
                    if (channel.getValue().contains(form.getValue())) leaks.add(channel.getKey() + ": " + secret.getKey() + ", " + form.getKey());
                }
            }
        }
        System.out.println("[secrets] " + channels.size() + " channels x " + SECRETS.size() + " secrets x "
                + (SecretForms.of("x").size() + 1) + " forms = " + checks + " checks, " + leaks.size() + " leaks");
        assertThat(leaks).as("secrets seen").isEmpty();
    }

    private void run(int expected, String name, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(capstan(args)).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        Process p = start(pb);
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        String out = Files.readString(dir.resolve(name + ".out"));
        String err = Files.readString(dir.resolve(name + ".err"));
        assertThat(p.exitValue()).as(name + ":\n" + out + err).isEqualTo(expected);
        channels.put("stdout (" + name + ")", out);
        channels.put("stderr (" + name + ")", err);
    }

    /** On a terminal (script(1) gives it one): the ask is answered at its prompt, typed with echo off. */
    private void runOnTerminal(String answer, String... args) throws IOException, InterruptedException {
        String line = String.join(" ", capstan(args).stream().map(dev.capstan.remote.Shell::escape).toList());
        Process p = start(new ProcessBuilder("script", "-qec", line, "/dev/null").directory(dir.toFile()).redirectErrorStream(true));
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (var in = p.getInputStream()) {
                byte[] b = new byte[4096];
                for (int n; (n = in.read(b)) > 0; ) synchronized (seen) { seen.write(b, 0, n); }
            } catch (IOException closed) {
                // the process ended
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline) {
            synchronized (seen) {
                if (seen.toString(StandardCharsets.UTF_8).contains("API token")) break;
            }
            Thread.sleep(20);
        }
        p.getOutputStream().write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run on a terminal finished").isTrue();
        reader.join(10_000);
        String transcript;
        synchronized (seen) { transcript = seen.toString(StandardCharsets.UTF_8); }
        assertThat(p.exitValue()).as(transcript).isZero();
        assertThat(transcript).contains("API token (Enter for the default): ");
        channels.put("terminal (ask typed at the prompt)", transcript);
    }

    private static List<String> capstan(String... args) {
        // the launcher's JIT setting: a short run starts faster
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Process start(ProcessBuilder pb) throws IOException {
        pb.environment().put("H_SECRET", SECRETS.get("secret variable"));
        pb.environment().put("H_ASKED", SECRETS.get("ask answer"));
        pb.environment().put("H_URL_PASSWORD", URLEncoder.encode(SECRETS.get("repo_url password"), StandardCharsets.UTF_8).replace("+", "%20"));
        pb.environment().put("H_REDACTED", SECRETS.get("redact value"));
        pb.environment().put("H_WITH_OUT", dir.resolve("with.out").toString());
        return pb.start();
    }

    private void project() throws IOException {
        Files.writeString(dir.resolve("Capfile"), "use 'deploy'\n");
        Files.createDirectories(dir.resolve("config/deploy"));
        Files.createDirectories(dir.resolve("lib/capstan/tasks"));
        Files.writeString(dir.resolve("config/deploy.groovy"), """
                set 'application', 'shop'
                secret 'db_password'
                set 'db_password', System.getenv('H_SECRET')
                ask 'api_token', System.getenv('H_ASKED'), echo: false, prompt: 'API token'
                set 'repo_url', 'https://bob:' + System.getenv('H_URL_PASSWORD') + '@127.0.0.1:9/shop.git'
                """);
        Files.writeString(dir.resolve("config/deploy/qa.groovy"), "server 'localhost', roles: ['app'], backend: 'local'\n");
        Files.writeString(dir.resolve("lib/capstan/tasks/leak.groovy"), """
                task('leak') {
                    on(roles('app')) {
                        execute 'echo', fetch('db_password')
                        execute 'echo', fetch('api_token')
                        execute 'echo', redact(System.getenv('H_REDACTED'))
                        execute 'echo', fetch('repo_url')
                        execute 'echo', URLDecoder.decode(new URI(fetch('repo_url')).rawUserInfo.split(':', 2)[1], 'UTF-8')
                        with(db_pass: fetch('db_password'), api_token: fetch('api_token')) {
                            execute 'printf "%s\\\\n" "$DB_PASS" "$API_TOKEN" > "$H_WITH_OUT"; cat "$H_WITH_OUT"'
                        }
                        info "db password is ${fetch('db_password')}"
                        warn "token ${fetch('api_token')} for ${fetch('repo_url')}"
                        System.err.println('straight to stderr: ' + fetch('db_password'))
                        println 'println from the task: ' + fetch('api_token')
                        org.slf4j.LoggerFactory.getLogger('org.apache.sshd.harness').error('library log: ' + fetch('api_token'))
                    }
                }
                task('boom') {
                    on(roles('app')) { execute 'sh', '-c', 'printf "%s\\\\n" "$1" >&2; exit 3', 'sh', fetch('db_password') }
                }
                task('raise') {
                    def e = new IllegalStateException('cannot log in with ' + fetch('api_token') + ' to ' + fetch('repo_url'),
                            new RuntimeException('cause ' + fetch('db_password')))
                    e.addSuppressed(new RuntimeException('suppressed ' + System.getenv('H_REDACTED')))
                    throw e
                }
                """);
    }
}
