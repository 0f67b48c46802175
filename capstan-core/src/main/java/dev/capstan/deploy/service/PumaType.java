package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;
import dev.capstan.remote.Shell;

/**
 * Puma: its restarts are asynchronous (a signal, then workers boot in the background), so a restart counts only
 * when the health check passes afterwards. {@code phased: true} sends USR1 (phased restart, cluster mode only); when
 * that is not verified it falls back to a hot restart (USR2). Started detached from {@code current} with
 * {@code --pidfile}; puma's config should set {@code directory 'DEPLOY_TO/current'} so workers follow the switch.
 */
final class PumaType implements ServiceType {
    @Override
    public String start(ServiceTarget t) {
        String pid = t.pidFile();
        ServiceSpec s = t.spec();
        return PidFileStatus.unlessRunning(pid, "puma", ""
                + "  mkdir -p \"$(dirname " + pid + ")\" \"$(dirname " + t.logFile() + ")\" || exit 1; rm -f " + pid + "\n"
                + "  setsid nohup " + s.option("command", "puma") + " -C " + Shell.escape(s.option("config", "config/puma.rb"))
                + " -e " + Shell.escape(t.environment()) + " --pidfile " + pid + " >> " + t.logFile() + " 2>&1 < /dev/null &\n"
                + "  capstan_wait " + t.timeout() + " 0.2 \"puma to write " + pid + "\" capstan_alive " + pid + " || { tail -n 5 " + t.logFile() + " >&2; exit 1; }\n"
                + "  capstan_verify || exit 1");
    }

    @Override
    public String stop(ServiceTarget t) {
        String pid = t.pidFile();
        return PidFileStatus.stopBy(pid, "TERM", t.timeout(), "puma $old to stop (TERM)");
    }

    @Override
    public String restart(ServiceTarget t) {
        String pid = t.pidFile();
        String hot = "echo \"USR2 (hot restart) to puma $m\"; kill -USR2 \"$m\" && capstan_verify || exit 1";
        String body = t.spec().flag("phased")
                ? "  echo \"USR1 (phased restart) to puma $m\"; kill -USR1 \"$m\" || exit 1\n"
                  + "  capstan_verify || { echo 'the phased restart was not verified; hot restart instead' >&2; " + hot + "; }\n"
                : "  " + hot + "\n";
        return "if capstan_alive " + pid + "; then\n  m=$(cat " + pid + ")\n" + body
                + "  capstan_alive " + pid + " || { echo 'puma is not running after its restart' >&2; exit 1; }\n"
                + "else\n" + start(t).indent(2).stripTrailing() + "\nfi";
    }

    @Override
    public String status(ServiceTarget t) { return PidFileStatus.of(t.pidFile()); }

    @Override
    public void check(ServiceSpec spec, String at) {
        if (spec.health() == null) {
            throw new ConfigException(at + "service '" + spec.name() + "': puma restarts in the background; declare health '"
                    + spec.name() + "', http: '...', release: true so a restart counts only when the new release answers");
        }
    }
}
