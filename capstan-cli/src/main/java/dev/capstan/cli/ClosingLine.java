package dev.capstan.cli;

import dev.capstan.config.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The one line a run ends with: {@code deployed shop 8bc17dc as release 20261201184157 to 10 hosts in 2.1 s},
 * {@code ran deploy:status on 3 hosts in 0.4 s}, or what failed where:
 * {@code deploy failed at git:clone on web1, web2 after 1.2 s}.
 */
final class ClosingLine {
    private ClosingLine() {}

    static String of(List<String> tasks, Configuration config, RunTally tally, boolean ok, boolean dryRun, Duration took) {
        String what = String.join(" ", tasks);
        String time = seconds(took);
        if (!ok) {
            String at = tally.failedTask() == null || tasks.equals(List.of(tally.failedTask())) ? "" : " at " + tally.failedTask();
            List<String> where = tally.failedHosts();
            return what + " failed" + at + (where.isEmpty() ? "" : " on " + String.join(", ", where)) + " after " + time;
        }
        String hosts = hosts(tally.hosts());
        if (dryRun) return "dry run of " + what + ": " + hosts + ", nothing changed, in " + time;
        if (tasks.equals(List.of("deploy")) && config.fetchString("release_timestamp") != null) {
            String revision = config.fetchString("current_revision");
            String app = config.fetchString("application");
            return "deployed" + (app == null ? "" : " " + app) + (revision == null ? "" : " " + shortRevision(revision))
                    + " as release " + config.fetchString("release_timestamp") + " to " + hosts + " in " + time;
        }
        return "ran " + what + (tally.hosts() == 0 ? "" : " on " + hosts) + " in " + time;
    }

    private static String hosts(int n) {
        return n + (n == 1 ? " host" : " hosts");
    }

    private static String shortRevision(String revision) {
        String r = revision.strip();
        return r.matches("[0-9a-f]{8,}") ? r.substring(0, 7) : r;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
