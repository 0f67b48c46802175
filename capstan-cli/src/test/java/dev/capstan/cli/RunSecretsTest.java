package dev.capstan.cli;

import dev.capstan.config.Configuration;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunSecretsTest {
    @Test
    void theRepoUrlPasswordCountsAsWrittenAndDecoded() {
        assertThat(RunSecrets.urlPassword("https://bob:p%40ss+w%20rd@git.example.com/shop.git")).containsExactly("p%40ss+w%20rd", "p@ss+w rd");
        assertThat(RunSecrets.urlPassword("git@github.com:acme/shop.git")).isEmpty();
        assertThat(RunSecrets.urlPassword("https://bob@git.example.com/shop.git")).isEmpty();
        assertThat(RunSecrets.urlPassword("not a url at all")).isEmpty();
        assertThat(RunSecrets.urlPassword("https://bob:Zq9!w0rd#$ 100%@git.example.com/shop.git")).containsExactly("Zq9!w0rd#$ 100%");
        assertThat(RunSecrets.urlPassword("https://git.example.com/a:b@c")).isEmpty();
    }

    @Test
    void theErrorStreamIsMaskedFromTheMomentTheConfigurationExistsAndForWhatTheRunLearns() {
        RunSecrets secrets = new RunSecrets();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = secrets.masked(bytes, StandardCharsets.UTF_8);
        Configuration config = new Configuration();
        config.secret("db_password");
        config.set("db_password", "hunter22");
        config.set("repo_url", "https://bob:Zq9%21pw@git.example.com/x.git");
        err.println("before: hunter22");
        secrets.loading(config);
        secrets.secrets().add("learned-value");
        err.println("after: hunter22 Zq9!pw learned-value");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("before: hunter22\nafter: [REDACTED] [REDACTED] [REDACTED]\n");
        assertThat(secrets.secrets().values()).containsAll(List.of("hunter22", "Zq9!pw", "learned-value"));
    }

    @Test
    void aSecretVariableGivenOnTheCommandLineIsMasked() {
        RunSecrets secrets = new RunSecrets();
        Configuration config = new Configuration();
        config.ask("db_password", null, null, false);
        secrets.commandLine(List.of("production", "deploy", "db_password=cmdline-pw", "branch=main"), config);
        assertThat(secrets.secrets().values()).containsExactly("cmdline-pw");
    }
}
