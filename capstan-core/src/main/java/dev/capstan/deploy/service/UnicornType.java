package dev.capstan.deploy.service;

import dev.capstan.remote.Shell;

/**
 * unicorn's own upgrade (its SIGNALS page): USR2 re-executes the master, which renames its pid file to
 * {@code .oldbin}; once the new master has written the pid file and passes the health check the old one gets QUIT.
 * A new master that fails the check is undone: HUP to the old master (it reloads its workers), QUIT to the new one.
 * Started as {@code cd current && COMMAND -c CONFIG -E ENV -D}, so a re-exec follows {@code current} (unicorn re-enters
 * its start directory by its PWD, the symlink path).
 */
final class UnicornType implements ServiceType {
    @Override
    public String start(ServiceTarget t) {
        String pid = t.pidFile();
        return settled(t) + PidFileStatus.unlessRunning(pid, "unicorn", ""
                + "  " + t.spec().option("command", "unicorn") + " -c " + Shell.escape(t.spec().option("config", "config/unicorn.rb"))
                + " -E " + Shell.escape(t.environment()) + " -D || exit 1\n"
                + "  capstan_wait " + t.timeout() + " 0.2 \"unicorn to write " + pid + "\" capstan_alive " + pid + " || exit 1\n"
                + "  capstan_verify || exit 1");
    }

    @Override
    public String stop(ServiceTarget t) {
        String pid = t.pidFile();
        return PidFileStatus.stopBy(pid, "QUIT", t.timeout(), "unicorn master $old to quit (QUIT)");
    }

    @Override
    public String restart(ServiceTarget t) {
        String pid = t.pidFile();
        int wait = t.timeout();
        return settled(t) + "if capstan_alive " + pid + "; then\n"
                + "  old=$(cat " + pid + "); echo \"USR2 to unicorn master $old\"; kill -USR2 \"$old\" || exit 1\n"
                + "  capstan_new() { [ -s " + pid + ".oldbin ] && new=$(cat " + pid + " 2>/dev/null) && [ -n \"$new\" ] && [ \"$new\" != \"$old\" ] && kill -0 \"$new\" 2>/dev/null; }\n"
                + "  capstan_wait " + wait + " 0.2 \"a new unicorn master (" + pid + " and .oldbin)\" capstan_new || exit 1\n"
                + "  if capstan_verify; then\n"
                + "    echo \"QUIT to the old master $old\"; kill -QUIT \"$old\"; " + PidFileStatus.waitGone("old", wait, "the old master $old to quit") + " || exit 1\n"
                + "  else\n"
                + "    kill -HUP \"$old\"; kill -QUIT \"$new\"\n"
                // done once the new master is gone and the old one has its pid file back, so what is reported next
                // (the hosts × services table) is the old master, not the one just told to quit
                + "    " + PidFileStatus.waitGone("new", wait, "the failed new master $new to quit") + "; capstan_wait " + wait
                + " 0.2 \"the old master $old to take its pid file back\" capstan_settled\n"
                + "    echo \"the new master $new failed its health check: HUP to the old master $old, QUIT to the new one\" >&2; exit 1\n"
                + "  fi\n"
                + "else\n" + start(t).indent(2).stripTrailing() + "\nfi";
    }

    /**
     * Waits while a {@code .oldbin} exists: a new master that was just QUIT has removed the pid file and the old one has
     * not yet taken it back, and starting a second master then would be wrong.
     */
    private static String settled(ServiceTarget t) {
        return "capstan_settled() { [ ! -e " + t.pidFile() + ".oldbin ]; }; capstan_wait " + t.timeout()
                + " 0.2 \"the previous unicorn upgrade to settle (.oldbin gone)\" capstan_settled || exit 1\n";
    }

    @Override
    public String status(ServiceTarget t) { return PidFileStatus.of(t.pidFile()); }
}
