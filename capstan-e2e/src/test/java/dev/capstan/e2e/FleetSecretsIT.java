package dev.capstan.e2e;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets on real OpenSSH hosts: a deploy whose hooks use a {@code secret} variable, an {@code ask … echo: false}
 * answer, a {@code redact} value and a URL password (every shell-special character in each) as arguments, in
 * {@code with}, in command output, in log messages and in a failing task's error, through the formats, the log file,
 * the report, {@code --trace} and {@code --dry-run}. Each secret starts with a word that every encoding of it keeps
 * (escaped, quoted, JSON, HTML, URL-encoded all leave letters and digits alone), so one search per channel and
 * secret finds any form; capstan-cli's SecretsHarnessIT names each form too.
 */
class FleetSecretsIT {
    static final String SPECIAL = "!#$&* \"'\\`;|<>(){}~?[]%+=^";
    static final Map<String, String> SECRETS = Map.of(
            "secret variable", "Zq9Pass" + SPECIAL + "$HOME w0rd",
            "ask answer", "Tok3nAsk" + SPECIAL + "$USER",
            "URL password", "Bob9Url" + SPECIAL,
            "redact value", "Red4cted" + SPECIAL);
    @WithFleet(2) static Fleet fleet;

    @Test
    void noSecretReachesAnyChannelOverSsh(org.junit.jupiter.api.TestReporter reporter) throws Exception {
        String url = "https://bob:" + URLEncoder.encode(SECRETS.get("URL password"), StandardCharsets.UTF_8).replace("+", "%20") + "@127.0.0.1:9/x.git";
        Path p = Projects.capstan(fleet, "secrets", "/srv/secrets", fleet.hosts, String.join("\n",
                "secret 'db_password'",
                "set 'db_password', " + groovy(SECRETS.get("secret variable")),
                "ask 'api_token', " + groovy(SECRETS.get("ask answer")) + ", echo: false",
                "set 'mirror_url', " + groovy(url),
                "set 'format_secret', " + groovy(SECRETS.get("redact value"))));
        Files.createDirectories(p.resolve("lib/capstan/tasks"));
        Files.writeString(p.resolve("lib/capstan/tasks/secrets.groovy"), """
                task('secrets:use') {
                    on(roles('app')) {
                        execute 'echo', fetch('db_password'), fetch('api_token'), redact(fetch('format_secret'))
                        execute 'echo', fetch('mirror_url')
                        with(db_pass: fetch('db_password'), api_token: fetch('api_token')) {
                            execute 'printf "%s\\\\n" "$DB_PASS" "$API_TOKEN" > ' + fetch('deploy_to') + '/shared/with.out; cat ' + fetch('deploy_to') + '/shared/with.out'
                        }
                        info "db password is ${fetch('db_password')}"
                    }
                }
                before 'deploy:publishing', 'secrets:use'
                task('secrets:boom') {
                    on(roles('app')) { execute 'sh', '-c', 'printf "%s\\\\n" "$1" >&2; exit 3', 'sh', fetch('db_password') }
                }
                """);
        Map<String, String> channels = new LinkedHashMap<>();
        for (String format : List.of("concise", "pretty", "dot", "json")) {
            Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy", "--format", format, "--log-level", "debug", "--report", "r-" + format + ".html");
            assertThat(r.status()).as(r.out()).isZero();
            channels.put("deploy --format " + format, r.out());
            channels.put("report " + format, Files.readString(p.resolve("r-" + format + ".html")));
        }
        Shell.Result boom = Projects.capstan(fleet, p, "e2e", "secrets:boom", "--trace");
        assertThat(boom.status()).as(boom.out()).isEqualTo(1);
        assertThat(boom.out()).contains("capstan aborted!", "sh exit status: 3", "[REDACTED]");
        channels.put("failing --trace", boom.out());
        Shell.Result dry = Projects.capstan(fleet, p, "e2e", "deploy", "--dry-run", "--log-level", "debug");
        assertThat(dry.status()).as(dry.out()).isZero();
        channels.put("--dry-run", dry.out());
        channels.put("log/capstan.log", Files.readString(p.resolve("log/capstan.log")));

        for (FleetHost h : fleet.hosts) {
            assertThat(Files.readString(h.srv().resolve("secrets/shared/with.out"))).as("with values arrive literally on " + h.name)
                    .isEqualTo(SECRETS.get("secret variable") + "\n" + SECRETS.get("ask answer") + "\n");
        }
        List<String> leaks = new ArrayList<>();
        channels.forEach((channel, text) -> SECRETS.forEach((name, value) -> {
            if (text.contains(value.substring(0, 7))) leaks.add(channel + ": " + name);
        }));
        String result = channels.size() * SECRETS.size() + " cases (" + channels.size() + " channels x " + SECRETS.size() + " secrets), " + leaks.size() + " leaks";
        System.out.println("[e2e] secrets: " + result);
        reporter.publishEntry("harness.secrets", result);
        assertThat(leaks).isEmpty();
    }

    /** A Groovy single-quoted string literal (no interpolation). */
    private static String groovy(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
