package dev.capstan.output.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building notifiers from the DSL's options: what is refused, with which message; the payloads as exact text. */
class NotifiersTest {
    static final Notification N = new Notification("deploy:finished", "shop", "qa", "20261201203000", "abc1234", "ops",
            List.of("web1", "web2"), Duration.ofMillis(4250), "success");

    @Test
    void missingOrBadOptionsNameTheDeclaration() {
        assertThatThrownBy(() -> Notifiers.create("webhook", Map.of(), "config/deploy.groovy:3"))
                .hasMessage("config/deploy.groovy:3: notify 'webhook': needs url:");
        assertThatThrownBy(() -> Notifiers.create("slack", Map.of("webhook", "ftp://x"), "config/deploy.groovy:4"))
                .hasMessage("config/deploy.groovy:4: notify 'slack': webhook must be an http(s) URL");
        assertThatThrownBy(() -> Notifiers.create("email", Map.of("smtp", "mail:25", "from", "a@b"), null))
                .hasMessage("notify 'email': needs to:");
        assertThatThrownBy(() -> Notifiers.create("email", Map.of("to", "ops@x", "from", "a@b"), null))
                .hasMessageStartingWith("notify 'email': needs smtp:");
        assertThatThrownBy(() -> Notifiers.create("email", Map.of("to", "ops@x", "from", "a@b", "smtp", Map.of("port", 25)), null))
                .hasMessageStartingWith("notify 'email': smtp needs host:");
        assertThatThrownBy(() -> Notifiers.create("webhook", Map.of("url", "https://x", "headers", "Bearer"), null))
                .hasMessageStartingWith("notify 'webhook': headers: must be a map");
    }

    @Test
    void theWebhookBodyAndTheSlackTextAreExact() {
        assertThat(WebhookNotifier.body(N)).isEqualTo("{\"event\":\"deploy:finished\",\"application\":\"shop\",\"stage\":\"qa\","
                + "\"release\":\"20261201203000\",\"revision\":\"abc1234\",\"user\":\"ops\",\"hosts\":[\"web1\",\"web2\"],"
                + "\"duration\":4.3,\"result\":\"success\"}");
        assertThat(new SlackNotifier(java.net.URI.create("https://hooks.slack.com/x"), "#deploys", null).payload(N))
                .isEqualTo("{\"text\":\":white_check_mark: shop qa: deploy:finished (success) release 20261201203000 at abc1234 by ops"
                        + " on 2 hosts in 4.3 s\\nhosts: web1, web2\",\"channel\":\"#deploys\"}");
        assertThat(new EmailNotifier.Smtp("h", 25, "u", "pw-123", false, false).toString()).doesNotContain("pw-123");
    }
}
