package dev.capstan.deploy.service;

import dev.capstan.remote.Shell;

/**
 * A service as it runs under one deploy_to: paths relative to {@code current} (so a pid file in a linked
 * {@code tmp/pids} survives releases), the environment name passed to the app, and the script fragments for it.
 */
public record ServiceTarget(ServiceSpec spec, String deployTo, String environment) {
    public String current() { return deployTo + "/current"; }

    /** {@code path} as given when absolute, else under {@code current}. */
    public String path(String path) {
        return path.startsWith("/") ? path : current() + "/" + path;
    }

    /** The escaped pid file: option {@code pid}, default {@code tmp/pids/NAME.pid} ({@code unicorn.pid} for unicorn, as capistrano3-unicorn). */
    public String pidFile() {
        String fallback = spec.type().equals("unicorn") ? "unicorn" : spec.name();
        return Shell.escape(path(spec.option("pid", "tmp/pids/" + fallback + ".pid")));
    }

    public String logFile() {
        return Shell.escape(path(spec.option("log", "log/" + spec.name() + ".log")));
    }

    /** How long a start or stop may take before it counts as failed. */
    public int timeout() {
        return spec.seconds("timeout", 30);
    }
}
