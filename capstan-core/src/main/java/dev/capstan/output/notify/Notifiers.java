package dev.capstan.output.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a notifier from the DSL's {@code notify TYPE, options}; a bad option is an error naming the declaration. */
public final class Notifiers {
    public static final List<String> TYPES = List.of("slack", "webhook", "email");
    /** The options whose values are secret however they were written (URLs of webhooks carry their token). */
    public static final List<String> SECRET_OPTIONS = List.of("webhook", "url", "password", "headers");

    private Notifiers() {}

    /** @param options resolved values (no lazy values left) */
    public static Notifier create(String type, Map<String, ?> options, String location) {
        String at = (location == null ? "" : location + ": ") + "notify '" + type + "': ";
        switch (type) {
            case "webhook":
                return new WebhookNotifier(uri(options, "url", at), headers(options.get("headers"), at));
            case "slack":
                return new SlackNotifier(uri(options, "webhook", at), string(options.get("channel")), string(options.get("username")));
            case "email":
                required(options, "to", at);
                return new EmailNotifier(smtp(options.get("smtp"), at), required(options, "from", at), list(options.get("to")));
            default:
                throw new IllegalArgumentException(at + "unknown notifier (known: " + String.join(", ", TYPES) + ")");
        }
    }

    private static EmailNotifier.Smtp smtp(Object value, String at) {
        if (value instanceof Map<?, ?> m) {
            String host = string(m.get("host"));
            if (host == null) throw new IllegalArgumentException(at + "smtp needs host:, e.g. smtp: [host: 'smtp.example.com', port: 587]");
            boolean ssl = Boolean.parseBoolean(String.valueOf(m.get("ssl")));
            int port = m.get("port") == null ? (ssl ? 465 : 25) : Integer.parseInt(String.valueOf(m.get("port")));
            return new EmailNotifier.Smtp(host, port, string(m.get("user")), string(m.get("password")),
                    Boolean.parseBoolean(String.valueOf(m.get("starttls"))), ssl);
        }
        if (value != null) {
            String s = String.valueOf(value);
            int colon = s.lastIndexOf(':');
            return colon < 0 ? new EmailNotifier.Smtp(s, 25, null, null, false, false)
                    : new EmailNotifier.Smtp(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)), null, null, false, false);
        }
        throw new IllegalArgumentException(at + "needs smtp:, e.g. smtp: [host: 'smtp.example.com', port: 587, user: 'ci', password: secret('smtp_password')]");
    }

    private static URI uri(Map<String, ?> options, String key, String at) {
        String v = required(options, key, at);
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) throw new IllegalArgumentException();
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + key + " must be an http(s) URL");
        }
    }

    private static String required(Map<String, ?> options, String key, String at) {
        String v = string(options.get(key));
        if (v == null || v.isBlank()) throw new IllegalArgumentException(at + "needs " + key + ":");
        return v;
    }

    private static Map<String, String> headers(Object value, String at) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) return out;
        if (!(value instanceof Map<?, ?> m)) throw new IllegalArgumentException(at + "headers: must be a map, e.g. headers: ['Authorization': 'Bearer ...']");
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) c.forEach(x -> out.add(String.valueOf(x)));
        else for (String s : String.valueOf(value).split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    private static String string(Object v) {
        return v == null ? null : String.valueOf(v);
    }
}
