package dev.capstan.deploy.service;

import dev.capstan.remote.Shell;

/**
 * Sidekiq 6+ (no daemon mode, no sidekiqctl): started detached from {@code current} with its pid written by the
 * shell; TSTP makes it quiet (no new jobs) early in a deploy; TERM stops it: it finishes or pushes back its jobs
 * within {@code -t timeout}, and gets KILL only after {@code stop_timeout} (at least timeout + 5 s).
 */
final class SidekiqType implements ServiceType {
    @Override
    public String start(ServiceTarget t) {
        String pid = t.pidFile();
        ServiceSpec s = t.spec();
        String args = s.option("args", "");
        return PidFileStatus.unlessRunning(pid, "sidekiq", ""
                + "  mkdir -p \"$(dirname " + pid + ")\" \"$(dirname " + t.logFile() + ")\" || exit 1\n"
                + "  setsid nohup " + s.option("command", "sidekiq") + " -e " + Shell.escape(t.environment()) + " -t " + timeout(s)
                + (args.isBlank() ? "" : " " + args) + " >> " + t.logFile() + " 2>&1 < /dev/null & echo $! > " + pid + "\n"
                + "  sleep " + s.seconds("boot", 2) + "; capstan_alive " + pid + " || { echo \"sidekiq exited at boot:\" >&2; tail -n 5 " + t.logFile() + " >&2; exit 1; }\n"
                + "  echo \"sidekiq started as $(cat " + pid + ")\"; capstan_verify || exit 1");
    }

    @Override
    public String quiet(ServiceTarget t) {
        String pid = t.pidFile();
        return "if capstan_alive " + pid + "; then echo \"TSTP (quiet) to sidekiq $(cat " + pid + ")\"; kill -TSTP \"$(cat " + pid + ")\"; fi";
    }

    @Override
    public String stop(ServiceTarget t) {
        String pid = t.pidFile();
        int stop = stopTimeout(t.spec());
        return "if capstan_alive " + pid + "; then old=$(cat " + pid + "); echo \"TERM to sidekiq $old\"; kill -TERM \"$old\"\n"
                + "  " + PidFileStatus.waitGone("old", stop, "sidekiq $old to finish or push back its jobs") + " || {\n"
                + "    echo \"KILL to sidekiq $old after " + stop + "s\" >&2; kill -KILL \"$old\"; " + PidFileStatus.waitGone("old", 5, "sidekiq $old to die") + " || exit 1; }\n"
                + "  rm -f " + pid + "\nfi";
    }

    @Override
    public String restart(ServiceTarget t) {
        return stop(t) + "\n" + start(t);
    }

    @Override
    public String status(ServiceTarget t) { return PidFileStatus.of(t.pidFile()); }

    @Override
    public void check(ServiceSpec spec, String at) {
        if (stopTimeout(spec) < timeout(spec) + 5) {
            throw new dev.capstan.config.ConfigException(at + "service '" + spec.name() + "': stop_timeout: must be at least timeout: + 5 ("
                    + (timeout(spec) + 5) + "), so sidekiq can push its jobs back before KILL");
        }
    }

    /** Sidekiq's -t: how long it gives running jobs at TERM (its default, 25). */
    static int timeout(ServiceSpec s) { return s.seconds("timeout", 25); }

    static int stopTimeout(ServiceSpec s) { return s.seconds("stop_timeout", timeout(s) + 5); }
}
