package dev.capstan.deploy.service;

import dev.capstan.remote.Shell;

/**
 * Whole host scripts for one service action: {@code cd current}, the prelude, the type's fragment, then its status
 * line. The prelude defines the bounded wait ({@code capstan_wait SECONDS INTERVAL WHAT CHECK...}, which names what it
 * waited for and what it last saw), {@code capstan_alive PIDFILE}, the release {@code current} points to, and
 * {@code capstan_verify}: the health check, or nothing when none is declared. Pure: tested as exact strings.
 */
public final class ServiceScripts {
    private ServiceScripts() {}

    public static String start(ServiceTarget t) { return script(t, type(t).start(t), true); }

    public static String stop(ServiceTarget t) { return script(t, type(t).stop(t), false); }

    public static String restart(ServiceTarget t) { return script(t, type(t).restart(t), true); }

    public static String status(ServiceTarget t) { return prelude(t, false) + type(t).status(t); }

    /** Sidekiq's quiet, or null for a type without one. */
    public static String quiet(ServiceTarget t) {
        String q = type(t).quiet(t);
        return q == null ? null : script(t, q, false);
    }

    /** What a restart waits for, for the progress line. */
    public static String describe(ServiceTarget t) {
        HealthCheck h = t.spec().health();
        return t.spec().name() + " (" + t.spec().type() + "): restart, then wait for " + (h == null ? "its new process" : h.describe());
    }

    private static String script(ServiceTarget t, String body, boolean needsRelease) {
        return prelude(t, needsRelease) + body + "\n" + type(t).status(t);
    }

    /** Without {@code needsRelease} a host with no {@code current} yet (a first deploy) has nothing running: stopped. */
    static String prelude(ServiceTarget t, boolean needsRelease) {
        HealthCheck h = t.spec().health();
        String verify = h == null ? "capstan_verify() { :; }\n"
                : h.probe() + "capstan_verify() { capstan_wait " + h.timeout() + " " + h.interval() + " " + Shell.escape(h.describe()) + " capstan_probe; }\n";
        return "cd " + Shell.escape(t.current()) + (needsRelease ? " || exit 1\n" : " 2>/dev/null || { echo 'service stopped'; exit 0; }\n")
                + "capstan_release=$(basename \"$(pwd -P)\"); capstan_revision=$(cat REVISION 2>/dev/null)\n"
                + "capstan_wait() { s=$1; i=$2; what=$3; shift 3; capstan_last=''; end=$(( $(date +%s) + s ))\n"
                + "  until \"$@\"; do [ \"$(date +%s)\" -lt \"$end\" ] || { echo \"gave up after ${s}s waiting for $what${capstan_last:+ (last: $capstan_last)}\" >&2; return 1; }; sleep \"$i\"; done; }\n"
                + "capstan_alive() { [ -s \"$1\" ] && kill -0 \"$(cat \"$1\")\" 2>/dev/null; }\n"
                + verify;
    }

    private static ServiceType type(ServiceTarget t) { return ServiceTypes.of(t.spec().type()); }
}
