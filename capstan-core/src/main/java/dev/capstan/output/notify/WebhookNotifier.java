package dev.capstan.output.notify;

import dev.capstan.output.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code notify 'webhook', url: ...}: POSTs the notification as JSON (event, stage, release, revision, user, hosts,
 * duration, result) with the JDK's HttpClient. A status other than 2xx is a failure.
 */
public final class WebhookNotifier implements Notifier {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final URI url;
    private final Map<String, String> headers;

    public WebhookNotifier(URI url, Map<String, String> headers) {
        this.url = url;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public String type() { return "webhook"; }

    @Override
    public void send(Notification n) throws Exception {
        post(url, headers, body(n));
    }

    static String body(Notification n) {
        return new Json().field("event", n.event()).field("application", n.application()).field("stage", n.stage())
                .field("release", n.release()).field("revision", n.revision()).field("user", n.user()).field("hosts", n.hosts())
                .field("duration", Double.parseDouble(n.seconds())).field("result", n.result()).toString();
    }

    /** POSTs a JSON body; throws with the status and the start of the answer when it is not 2xx. */
    static void post(URI url, Map<String, String> headers, String json) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(req::header);
        HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            String answer = r.body() == null ? "" : r.body().strip();
            throw new java.io.IOException("HTTP " + r.statusCode() + " from " + url + (answer.isEmpty() ? "" : ": "
                    + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer)));
        }
    }
}
