package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;
import dev.capstan.remote.Shell;

/**
 * pm2 with an ecosystem file read through {@code current} ({@code cwd} in it should be the {@code current} path, not
 * a release, as pm2 resolves the directory it starts from): {@code startOrReload --update-env} starts what is not
 * running and reloads the rest with the new environment. The app's pid must change.
 */
final class Pm2Type implements ServiceType {
    @Override
    public String start(ServiceTarget t) {
        return pm2(t) + " start " + ecosystem(t) + " || exit 1\n" + waitUp(t);
    }

    @Override
    public String stop(ServiceTarget t) {
        return pm2(t) + " stop " + Shell.escape(app(t)) + " || exit 1";
    }

    @Override
    public String restart(ServiceTarget t) {
        return "old=$(" + pm2(t) + " pid " + Shell.escape(app(t)) + " 2>/dev/null)\n"
                + pm2(t) + " startOrReload " + ecosystem(t) + " --update-env || exit 1\n" + waitUp(t);
    }

    @Override
    public String status(ServiceTarget t) {
        return "p=$(" + pm2(t) + " pid " + Shell.escape(app(t)) + " 2>/dev/null); if [ -n \"$p\" ] && [ \"$p\" != 0 ] && kill -0 \"$p\" 2>/dev/null; then "
                + "echo \"service running $p $(basename \"$(readlink /proc/$p/cwd 2>/dev/null)\")\"; else echo 'service stopped'; fi";
    }

    @Override
    public void check(ServiceSpec spec, String at) {
        if (spec.option("ecosystem", null) == null) {
            throw new ConfigException(at + "service '" + spec.name() + "': pm2 needs ecosystem: 'ecosystem.config.js' (its cwd the current path)");
        }
    }

    /** The app's new pid is up and differs from {@code $old}, then the health check. */
    private static String waitUp(ServiceTarget t) {
        return "capstan_pm2_new() { new=$(" + pm2(t) + " pid " + Shell.escape(app(t)) + " 2>/dev/null); [ -n \"$new\" ] && [ \"$new\" != 0 ] && [ \"$new\" != \"${old:-}\" ] && kill -0 \"$new\" 2>/dev/null; }\n"
                + "capstan_wait " + t.timeout() + " 0.5 \"pm2 app " + app(t) + " to run with a new pid\" capstan_pm2_new || exit 1\n"
                + "capstan_verify || exit 1";
    }

    private static String pm2(ServiceTarget t) { return t.spec().option("pm2", "pm2"); }

    private static String app(ServiceTarget t) { return t.spec().option("app", t.spec().name()); }

    private static String ecosystem(ServiceTarget t) { return Shell.escape(t.path(t.spec().option("ecosystem", "ecosystem.config.js"))); }
}
