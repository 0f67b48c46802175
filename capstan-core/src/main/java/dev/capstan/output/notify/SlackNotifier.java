package dev.capstan.output.notify;

import dev.capstan.output.Json;

import java.net.URI;
import java.util.Map;

/**
 * {@code notify 'slack', webhook: secret('slack_webhook')}: posts to a Slack incoming webhook
 * ({@code {"text": ...}}, optionally {@code channel} and {@code username}).
 */
public final class SlackNotifier implements Notifier {
    private final URI webhook;
    private final String channel;
    private final String username;

    public SlackNotifier(URI webhook, String channel, String username) {
        this.webhook = webhook;
        this.channel = channel;
        this.username = username;
    }

    @Override
    public String type() { return "slack"; }

    @Override
    public void send(Notification n) throws Exception {
        WebhookNotifier.post(webhook, Map.of(), payload(n));
    }

    String payload(Notification n) {
        String icon = "success".equals(n.result()) ? ":white_check_mark:" : ":x:";
        String text = icon + " " + n.summary() + (n.hosts().isEmpty() ? "" : "\nhosts: " + String.join(", ", n.hosts()));
        return new Json().field("text", text).field("channel", channel).field("username", username).toString();
    }
}
