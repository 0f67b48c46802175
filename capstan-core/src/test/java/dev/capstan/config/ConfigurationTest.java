package dev.capstan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
    private final Configuration config = new Configuration();

    @Test
    void fetchReturnsTheValueOrTheFallbackEvaluatedIfLazy() {
        config.set("branch", "main");
        assertThat(config.fetch("branch")).isEqualTo("main");
        assertThat(config.fetch("missing")).isNull();
        assertThat(config.fetch("missing", "x")).isEqualTo("x");
        assertThat(config.fetch("missing", (Lazy) () -> "computed")).isEqualTo("computed");
    }

    @Test
    void aLazyValueIsEvaluatedAtEachFetchAndSeesLaterChanges() {
        AtomicInteger calls = new AtomicInteger();
        config.set("app", "shop");
        config.set("deploy_to", (Lazy) () -> { calls.incrementAndGet(); return "/var/www/" + config.fetch("app"); });
        assertThat(config.fetch("deploy_to")).isEqualTo("/var/www/shop");
        config.set("app", "blog");
        assertThat(config.fetch("deploy_to")).isEqualTo("/var/www/blog");
        assertThat(calls).hasValue(2);
    }

    @Test
    void onceMemoisesTheFirstEvaluation() {
        AtomicInteger calls = new AtomicInteger();
        config.set("stamp", Lazy.once(() -> calls.incrementAndGet()));
        assertThat(config.fetch("stamp")).isEqualTo(1);
        assertThat(config.fetch("stamp")).isEqualTo(1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void setIfEmptyKeepsAnExistingValueEvenNull() {
        config.setIfEmpty("a", "first");
        config.setIfEmpty("a", "second");
        config.set("b", null);
        config.setIfEmpty("b", "x");
        assertThat(config.fetch("a")).isEqualTo("first");
        assertThat(config.isSet("b")).isTrue();
        assertThat(config.fetch("b")).isNull();
    }

    @Test
    void appendAndRemoveWorkOnLists() {
        config.append("linked_dirs", "log", "tmp");
        config.append("linked_dirs", "public/uploads");
        config.remove("linked_dirs", "tmp");
        assertThat(config.fetchList("linked_dirs")).containsExactly("log", "public/uploads");
    }

    @Test
    void deleteAndAny() {
        config.set("empty", List.of());
        config.set("full", List.of("x"));
        config.set("blank", "");
        assertThat(config.any("empty")).isFalse();
        assertThat(config.any("blank")).isFalse();
        assertThat(config.any("full")).isTrue();
        config.delete("full");
        assertThat(config.any("full")).isFalse();
        assertThat(config.isSet("full")).isFalse();
    }

    @Test
    void askWithoutTerminalUsesTheDefaultOrNamesTheVariable() {
        config.ask("branch", "main", null, true);
        assertThat(config.fetch("branch")).isEqualTo("main");
        config.ask("password", null, null, false);
        assertThatThrownBy(() -> config.fetch("password"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'password'").hasMessageContaining("no terminal");
    }

    @Test
    void askOnATerminalAsksOnceAndASecretIsMasked() {
        AtomicInteger asked = new AtomicInteger();
        config.prompter((prompt, echo) -> { asked.incrementAndGet(); return echo ? "feature" : "s3cret"; });
        config.ask("branch", "main", null, true);
        config.ask("password", null, "Password", false);
        assertThat(config.secretValues()).isEmpty();
        assertThat(config.fetch("branch")).isEqualTo("feature");
        assertThat(config.fetch("branch")).isEqualTo("feature");
        assertThat(config.fetch("password")).isEqualTo("s3cret");
        assertThat(asked).hasValue(2);
        assertThat(config.isSecret("password")).isTrue();
        assertThat(config.secretValues()).containsExactly("s3cret");
    }

    @Test
    void aSecretQuestionNeverShowsItsDefault() {
        List<String> prompts = new java.util.ArrayList<>();
        config.prompter((prompt, echo) -> { prompts.add(prompt); return ""; });
        config.ask("branch", "main", null, true);
        config.ask("db_password", "def4ult-pw", "Database password", false);
        assertThat(config.fetch("branch")).isEqualTo("main");
        assertThat(config.fetch("db_password")).isEqualTo("def4ult-pw");
        assertThat(prompts).containsExactly("Please enter branch (main): ", "Database password (Enter for the default): ");
    }

    @Test
    void secretValuesNeverEvaluateALazySecretButCountWhatItsFetchesReturned() {
        AtomicInteger evaluated = new AtomicInteger();
        config.secret("token");
        config.set("token", (Lazy) () -> "tok-" + evaluated.incrementAndGet());
        config.secret("keys");
        config.set("keys", List.of("key-one", Map.of("nested", "x"), "key-two"));
        assertThat(config.secretValues()).containsExactly("[key-one, {nested=x}, key-two]", "key-one", "{nested=x}", "key-two");
        assertThat(evaluated).hasValue(0);
        assertThat(config.fetch("token")).isEqualTo("tok-1");
        assertThat(config.fetch("token")).isEqualTo("tok-2");
        assertThat(config.secretValues()).startsWith("tok-1", "tok-2");
        assertThat(evaluated).hasValue(2);
    }

    @Test
    void typedFetchesNameTheVariable() {
        config.set("keep_releases", "five");
        assertThatThrownBy(() -> config.fetchInt("keep_releases", 5)).hasMessageContaining("'keep_releases'");
        assertThatThrownBy(() -> config.require("repo_url")).hasMessageContaining("'repo_url'");
        config.set("n", "3");
        assertThat(config.fetchInt("n", 1)).isEqualTo(3);
        assertThat(config.fetchBoolean("nope", true)).isTrue();
    }
}
