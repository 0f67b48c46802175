package dev.capstan.remote;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** How an {@code on} block spreads over its hosts: SSHKit's parallel, sequence and groups runners. */
public sealed interface RunMode {
    /** All hosts at once. */
    record Parallel() implements RunMode {}

    /** One host after another, waiting between hosts (not after the last). */
    record Sequence(Duration pause) implements RunMode {}

    /** {@code limit} hosts at a time, in parallel within a group, waiting after every group. */
    record Groups(int limit, Duration pause) implements RunMode {
        public Groups {
            if (limit < 1) throw new IllegalArgumentException("groups limit must be at least 1, got " + limit);
        }
    }

    RunMode PARALLEL = new Parallel();

    /** From the {@code on} options {@code in:}, {@code limit:}, {@code wait:} (seconds), with SSHKit's defaults. */
    static RunMode of(Map<String, ?> options) {
        Object in = options.get("in") == null ? "parallel" : options.get("in");
        Duration wait = Duration.ofMillis((long) (number(options.get("wait"), 2) * 1000));
        return switch (String.valueOf(in).toLowerCase(Locale.ROOT)) {
            case "parallel" -> PARALLEL;
            case "sequence", "sequential" -> new Sequence(wait);
            case "groups" -> new Groups((int) number(options.get("limit"), 2), wait);
            default -> throw new IllegalArgumentException("unknown run mode in: '" + in + "' (use parallel, sequence or groups)");
        };
    }

    private static double number(Object o, double fallback) {
        if (o == null) return fallback;
        if (o instanceof Number n) return n.doubleValue();
        return Double.parseDouble(String.valueOf(o));
    }
}
