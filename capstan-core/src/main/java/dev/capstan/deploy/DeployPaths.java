package dev.capstan.deploy;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.Map;

/**
 * Capistrano's path helpers: {@code deploy_to}, {@code current}, {@code releases}, {@code shared},
 * {@code repo}, {@code revisions.log}. A rollback may choose a different release on each host, so the
 * release path can be per host.
 */
public final class DeployPaths {
    private final Configuration config;
    private final Map<String, String> chosen;

    /** The layout alone (the DSL's path words). */
    public DeployPaths(Configuration config) {
        this.config = config;
        this.chosen = Map.of();
    }

    /** The layout and the releases this run chose ({@link DeployRun#releasePaths}: a rollback's target). */
    public DeployPaths(TaskContext ctx) {
        this.config = ctx.config();
        this.chosen = DeployRun.of(ctx).releasePaths();
    }

    public String deployTo() {
        String d = config.require("deploy_to");
        return d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
    }

    public String currentPath() { return deployTo() + "/" + name("current_directory", "current"); }

    public String releasesPath() { return deployTo() + "/" + name("releases_directory", "releases"); }

    public String sharedPath() { return deployTo() + "/" + name("shared_directory", "shared"); }

    public String repoPath() {
        Object r = config.fetch("repo_path");
        return r == null ? deployTo() + "/repo" : String.valueOf(r);
    }

    public String revisionLog() { return deployTo() + "/revisions.log"; }

    public String lockPath() { return deployTo() + "/.capstan-lock"; }

    /** The new release of this run, or {@code current} before one is chosen (as Capistrano's release_path). */
    public String releasePath(Host host) {
        if (chosen.get(host.label()) != null) return chosen.get(host.label());
        Object r = config.fetch("release_path");
        return r == null ? currentPath() : String.valueOf(r);
    }

    /**
     * The release this run switches {@code host} to: its new release, or the rollback target; null when the run
     * has none (e.g. deploy:symlink:release run on its own). Never {@code current} itself.
     */
    public String releaseToPublish(Host host) {
        Object r = chosen.get(host.label()) != null ? chosen.get(host.label()) : config.fetch("release_path");
        return r == null || String.valueOf(r).equals(currentPath()) ? null : String.valueOf(r);
    }

    public boolean relativeSymlinks() {
        Object mode = config.fetch("symlinks", "absolute");
        String m = String.valueOf(mode);
        if (m.equals("relative")) return true;
        if (m.equals("absolute")) return false;
        throw new dev.capstan.config.ConfigException("variable 'symlinks' must be 'absolute' or 'relative', not '" + m + "'");
    }

    private String name(String key, String fallback) {
        return String.valueOf(config.fetch(key, fallback));
    }
}
