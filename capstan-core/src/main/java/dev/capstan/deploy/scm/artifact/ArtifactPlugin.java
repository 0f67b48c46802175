package dev.capstan.deploy.scm.artifact;

import dev.capstan.config.Configuration;
import dev.capstan.config.Variable;
import dev.capstan.deploy.RepositoryCheck;
import dev.capstan.plugin.Plugin;
import dev.capstan.task.TaskRegistry;

import java.util.List;

/**
 * {@code use 'scm/artifact'}: deploy a prebuilt .tgz/.zip/.jar/.war/.deb from a path, HTTP, S3 or a Maven
 * repository. It is resolved on this machine before any host is touched; each host keeps the bytes in
 * {@code shared/artifacts/DIGEST/} so a redeploy downloads nothing, and checks the digest before using them.
 */
public final class ArtifactPlugin implements Plugin {
    @Override
    public String name() { return "scm/artifact"; }

    @Override
    public List<Variable> variables() {
        return List.of(
            Variable.text("artifact_url", null, "Where the artifact is: a path, file://, http(s)://, s3://BUCKET/KEY or maven:G:A:V[:C][@EXT].").requiredByPlugin(),
            Variable.text("artifact_sha256", null, "Its SHA-256, or the URL of a SHA256SUMS file (a local file's is computed)."),
            Variable.choice("artifact_transfer", "hosts_download", ArtifactSettings.TRANSFERS, "hosts_download: each host fetches; push: Capstan fetches once and uploads."),
            Variable.any("artifact_version", null, "What REVISION and revisions.log say (default: the Maven version, else the digest)."),
            Variable.integer("artifact_strip_components", 0, 0, "Leading directories dropped when unpacking an archive."),
            Variable.text("artifact_name", null, "The name a .jar/.war gets in the release, e.g. app.jar."),
            Variable.integer("artifact_max_concurrent_downloads", 10, 1, "Hosts that download at once (hosts_download)."),
            Variable.text("artifact_http_user", null, "User for HTTP basic auth (default: ~/.netrc)."),
            Variable.text("artifact_http_password", null, "Password for HTTP basic auth (a secret)."),
            Variable.any("artifact_repositories", null, "Maven repositories: URLs or [id:, url:, username:, password:] (default: Central)."),
            Variable.text("artifact_s3_region", null, "Region for s3:// URLs (default: the AWS region chain)."),
            Variable.text("artifact_s3_profile", null, "AWS profile for s3:// URLs (default: the AWS credential chain)."),
            Variable.text("artifact_s3_endpoint", null, "Endpoint of an S3-compatible store."),
            Variable.bool("artifact_s3_path_style", null, "Path-style S3 URLs (default: on with an endpoint)."),
            Variable.integer("artifact_url_expires", 3600, 1, "Seconds a presigned S3 URL is valid."),
            Variable.choice("package_install", "none", java.util.List.of("none", "dpkg"), "dpkg: install the release's .deb as it is published (deploy and rollback)."),
            Variable.text("package_sudo", null, "Prefix for dpkg, e.g. 'sudo -n' (default: none)."),
            Variable.bool("package_resolve_dependencies", false, "Run apt-get -f install when dpkg -i lacks dependencies."),
            Variable.text("package_dpkg_root", null, "Install into this root instead of / (chroots, tests)."));
    }

    @Override
    public void setDefaults(Configuration c) {
        c.setIfEmpty("artifact_transfer", "hosts_download");
        c.setIfEmpty("artifact_max_concurrent_downloads", 10);
        c.setIfEmpty("package_install", "none");
        c.secret("artifact_http_password");
    }

    @Override
    public void defineTasks(TaskRegistry t) {
        t.define("artifact:check", "Resolve the artifact and its checksum on this machine", ctx -> {
            if (RepositoryCheck.skipped(ctx, "artifact:check")) return;
            ctx.info("artifact: " + ArtifactRun.of(ctx));
        });
        t.define(ArtifactRelease.TASK, "Create the release from the artifact", ctx -> ArtifactRelease.create(ctx, ArtifactRelease.TASK, ArtifactRun.of(ctx)));
        PackageTasks.define(t);
    }

    @Override
    public void registerHooks(TaskRegistry t) {
        // before the lock, the first command on any host: a bad URL or checksum fails with nothing touched
        t.before("deploy:lock", "artifact:check", null);
        t.after("deploy:new_release_path", ArtifactRelease.TASK, null);
        // a package's switch is its install: right after current moves, in a deploy and in a rollback
        t.after("deploy:symlink:release", PackageTasks.INSTALL, null);
        t.after("deploy:status", PackageTasks.STATUS, null);
    }
}
