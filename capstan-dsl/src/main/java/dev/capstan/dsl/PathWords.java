package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.DeployPaths;

/**
 * Capistrano's path words as DSL properties: {@code within(release_path) { }}, {@code "${shared_path}/config"}.
 * {@code release_path} is {@code current_path} until a release is made, as in Capistrano.
 */
abstract class PathWords {
    abstract Configuration config();

    public String getDeploy_to() { return new DeployPaths(config()).deployTo(); }

    public String getDeploy_path() { return getDeploy_to(); }

    public String getCurrent_path() { return new DeployPaths(config()).currentPath(); }

    public String getReleases_path() { return new DeployPaths(config()).releasesPath(); }

    public String getShared_path() { return new DeployPaths(config()).sharedPath(); }

    public String getRepo_path() { return new DeployPaths(config()).repoPath(); }

    public String getRelease_path() {
        Object r = config().fetch("release_path");
        return r == null ? getCurrent_path() : String.valueOf(r);
    }
}
