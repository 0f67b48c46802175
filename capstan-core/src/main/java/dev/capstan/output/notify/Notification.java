package dev.capstan.output.notify;

import java.time.Duration;
import java.util.List;

/**
 * What a notifier tells: which event ({@code deploy:finished}), for which stage and release, by whom, on which
 * hosts, how long the run took until then, and the result ({@code success} or {@code failed}).
 */
public record Notification(String event, String application, String stage, String release, String revision, String user,
                           List<String> hosts, Duration duration, String result) {
    /** One line for chat and mail subjects: "shop qa: deploy:finished (success) release 20261201... at abc123 by ops". */
    public String summary() {
        return (application == null ? "" : application + " ") + (stage == null ? "" : stage + ": ") + event + " (" + result + ")"
                + (release == null ? "" : " release " + release) + (revision == null ? "" : " at " + revision)
                + (user == null ? "" : " by " + user) + " on " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts")
                + " in " + seconds() + " s";
    }

    /** The duration in seconds, with one decimal. */
    public String seconds() {
        return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
