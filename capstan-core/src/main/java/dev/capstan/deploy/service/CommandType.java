package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;

/**
 * Any service with its own commands, run in {@code current}: {@code start:}, {@code stop:}, {@code restart:} (default:
 * stop then start), {@code status:} (exit 0 while running). With {@code pid:} the restart must change the pid.
 */
final class CommandType implements ServiceType {
    @Override
    public String start(ServiceTarget t) { return "( " + t.spec().option("start", "") + " ) || exit 1\ncapstan_verify || exit 1"; }

    @Override
    public String stop(ServiceTarget t) {
        String stop = "( " + t.spec().option("stop", "") + " ) || exit 1";
        if (t.spec().option("pid", null) == null) return stop;
        return "old=$(cat " + t.pidFile() + " 2>/dev/null)\n" + stop + "\n[ -z \"$old\" ] || " + PidFileStatus.waitGone("old", t.timeout(), "process $old to stop") + " || exit 1";
    }

    @Override
    public String restart(ServiceTarget t) {
        String restart = t.spec().option("restart", null);
        String run = restart == null ? "( " + t.spec().option("stop", "") + " ) && ( " + t.spec().option("start", "") + " )" : "( " + restart + " )";
        if (t.spec().option("pid", null) == null) return run + " || exit 1\ncapstan_verify || exit 1";
        String pid = t.pidFile();
        return "old=$(cat " + pid + " 2>/dev/null)\n" + run + " || exit 1\n"
                + "capstan_new() { capstan_alive " + pid + " && [ \"$(cat " + pid + ")\" != \"$old\" ]; }\n"
                + "capstan_wait " + t.timeout() + " 0.2 \"a new pid in " + pid + "\" capstan_new || exit 1\ncapstan_verify || exit 1";
    }

    @Override
    public String status(ServiceTarget t) {
        if (t.spec().option("pid", null) != null) return PidFileStatus.of(t.pidFile());
        String status = t.spec().option("status", null);
        if (status == null) return "echo 'service unknown'";
        return "if ( " + status + " ) >/dev/null 2>&1; then echo 'service running -'; else echo 'service stopped'; fi";
    }

    @Override
    public void check(ServiceSpec spec, String at) {
        if (spec.option("start", null) == null || (spec.option("stop", null) == null && spec.option("restart", null) == null)) {
            throw new ConfigException(at + "service '" + spec.name() + "': command needs start: and stop: (or restart:)");
        }
    }
}
