package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;
import dev.capstan.remote.Shell;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code health 'web', http: URL, expect: 200, body: ~/re/, release: true, timeout: 30, interval: 1} (HTTP over a unix
 * socket with {@code socket: PATH}, relative to {@code current}) (or {@code tcp:
 * 'HOST:PORT'}, or {@code command: 'bin/alive'}): a probe run on the host, repeated every {@code interval} seconds
 * until it passes or {@code timeout} seconds have gone by. With {@code release: true} an HTTP body must also name the
 * release {@code current} points to (its directory name or its REVISION), so an old process answering does not count.
 */
public record HealthCheck(String kind, String target, int expect, String body, boolean release, int timeout, int interval, String socket) {
    public HealthCheck(String kind, String target, int expect, String body, boolean release, int timeout, int interval) {
        this(kind, target, expect, body, release, timeout, interval, null);
    }

    public static HealthCheck of(String service, Map<String, Object> o) {
        String at = o.get("location") instanceof String l ? l + ": " : "";
        String kind = o.containsKey("http") ? "http" : o.containsKey("tcp") ? "tcp" : o.containsKey("command") ? "command" : null;
        if (kind == null) throw new ConfigException(at + "health '" + service + "' needs one of http:, tcp: or command:");
        String target = String.valueOf(o.get(kind));
        if (kind.equals("tcp") && !target.matches("[^:\\s]+:\\d{1,5}")) {
            throw new ConfigException(at + "health '" + service + "': tcp: must be HOST:PORT, not '" + target + "'");
        }
        Object re = o.get("body");
        String body = re == null ? null : re instanceof Pattern p ? p.pattern() : String.valueOf(re);
        int timeout = whole(at, service, o, "timeout", 30);
        int interval = whole(at, service, o, "interval", 1);
        if (timeout < 1 || interval < 1) throw new ConfigException(at + "health '" + service + "': timeout: and interval: must be at least 1 second");
        boolean release = Boolean.TRUE.equals(o.get("release")) || "true".equals(String.valueOf(o.get("release")));
        Object socket = o.get("socket");
        return new HealthCheck(kind, target, whole(at, service, o, "expect", 200), body, release, timeout, interval, socket == null ? null : String.valueOf(socket));
    }

    /** What the progress line says it waits for. */
    public String describe() {
        switch (kind) {
            case "http":
                return target + (socket == null ? "" : " on " + socket) + " to answer " + expect + (body == null ? "" : " with a body matching /" + body + "/")
                        + (release ? " naming the new release" : "") + " (up to " + timeout + "s)";
            case "tcp":
                return target + " to accept a connection (up to " + timeout + "s)";
            default:
                return "`" + target + "` to succeed (up to " + timeout + "s)";
        }
    }

    /** A shell function {@code capstan_probe}: one try, 0 when it passes; {@code $capstan_last} says what it saw. */
    public String probe() {
        int each = Math.min(timeout, Math.max(interval, 5));
        switch (kind) {
            case "http":
                return "capstan_probe() {\n"
                        + "  capstan_out=$(curl -s -m " + each + (socket == null ? "" : " --unix-socket " + Shell.escape(socket)) + " -w '\\n%{http_code}' " + Shell.escape(target) + ") || { capstan_last='no answer'; return 1; }\n"
                        + "  code=$(printf '%s\\n' \"$capstan_out\" | tail -n 1); capstan_body=$(printf '%s\\n' \"$capstan_out\" | sed '$d')\n"
                        + "  capstan_last=\"status $code\"; [ \"$code\" = " + expect + " ] || return 1\n"
                        + (body == null ? "" : "  printf '%s' \"$capstan_body\" | grep -Pq -- " + Shell.escape(body)
                            + " || { capstan_last=\"status $code, body does not match\"; return 1; }\n")
                        + (release ? "  capstan_seen=no; case \"$capstan_body\" in *\"$capstan_release\"*) capstan_seen=yes ;; esac\n"
                            + "  [ -n \"$capstan_revision\" ] && case \"$capstan_body\" in *\"$capstan_revision\"*) capstan_seen=yes ;; esac\n"
                            + "  [ \"$capstan_seen\" = yes ] || { capstan_last=\"status $code from an old release\"; return 1; }\n" : "")
                        + "}\n";
            case "tcp":
                String host = target.substring(0, target.lastIndexOf(':'));
                String port = target.substring(target.lastIndexOf(':') + 1);
                return "capstan_probe() { capstan_last='connection refused'; timeout " + each + " bash -c "
                        + Shell.escape("exec 3<>/dev/tcp/" + host + "/" + port) + " 2>/dev/null; }\n";
            default:
                return "capstan_probe() { capstan_last='it failed'; timeout " + each + " sh -c " + Shell.escape(target) + "; }\n";
        }
    }

    private static int whole(String at, String service, Map<String, Object> o, String key, int fallback) {
        Object v = o.get(key);
        if (v == null) return fallback;
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(at + "health '" + service + "': " + key + ": must be a whole number, not '" + v + "'");
        }
    }
}
