package dev.capstan.deploy;

import dev.capstan.config.Variable;

import java.util.List;

/** The variables of {@code use 'deploy'} (Capistrano's names and defaults), and those the deploy sets for tasks to read. */
final class DeployVariables {
    static final List<Variable> ALL = List.of(
            Variable.text("branch", "master", "The branch (or tag, or commit) to deploy."),
            Variable.text("deploy_to", "/var/www/APPLICATION", "Where releases/, shared/ and current live on each host."),
            Variable.text("tmp_dir", "/tmp", "Temporary files on the hosts."),
            Variable.integer("keep_releases", 5, 1, "Good releases kept on each host by deploy:cleanup."),
            Variable.bool("pty", false, "Run commands in a pseudo-terminal."),
            Variable.choice("symlinks", "absolute", List.of("absolute", "relative"), "How current and shared links point (relative: chroot deployments)."),
            Variable.integer("lock_ttl", 3600, 1, "Seconds after which another run may take over a deploy lock."),
            Variable.text("local_user", "$USER", "Who deployed, in revisions.log."),
            Variable.list("linked_files", "Files in shared/ linked into each release."),
            Variable.list("linked_dirs", "Directories in shared/ linked into each release."),
            Variable.text("repo_path", "DEPLOY_TO/repo", "Where the repository mirror lives on each host."),
            Variable.text("revision_log_message", null, "The line written to revisions.log (default: Capistrano's)."),
            Variable.text("rollback_release", null, "deploy:rollback: the release to go back to (default: the previous one)."),
            Variable.any("release_path", null, "Set by the deploy: this run's release directory."),
            Variable.any("release_timestamp", null, "Set by the deploy: this run's release name."),
            Variable.any("current_revision", null, "Set by the deploy: the revision being deployed."),
            Variable.any("current_revision_time", null, "Set by the deploy: that revision's commit time."));

    private DeployVariables() {}
}
