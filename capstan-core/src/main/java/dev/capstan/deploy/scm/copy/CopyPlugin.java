package dev.capstan.deploy.scm.copy;

import dev.capstan.config.Configuration;
import dev.capstan.config.Variable;
import dev.capstan.deploy.RepositoryCheck;
import dev.capstan.deploy.scm.artifact.ArtifactRelease;
import dev.capstan.deploy.scm.artifact.ArtifactRun;
import dev.capstan.plugin.Plugin;
import dev.capstan.remote.Shell;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code use 'scm/copy'}: build on this machine ({@code copy_build}), pack {@code copy_dir} once into a .tgz, then
 * the artifact path: uploaded over SFTP to the hosts whose cache lacks it, checked there, unpacked into the release.
 * The build and the pack run before the lock, so a failing build touches no host.
 */
public final class CopyPlugin implements Plugin {
    /** The tarball copy:build made in this run (state of the run, not a variable of the user's). */
    private static final class Built {
        private volatile Path tarball;
    }

    @Override
    public String name() { return "scm/copy"; }

    @Override
    public List<Variable> variables() {
        return List.of(
            Variable.text("copy_build", null, "Command run on this machine before packing, e.g. './gradlew bootJar'."),
            Variable.text("copy_dir", ".", "The directory packed into the release (relative to where capstan runs)."),
            Variable.list("copy_exclude", "Patterns left out of the tarball (tar --exclude), e.g. ['.git', '*.log']."),
            Variable.any("artifact_version", null, "What REVISION and revisions.log say (default: the tarball's digest)."));
    }

    @Override
    public void setDefaults(Configuration c) {
        c.setIfEmpty("copy_dir", ".");
        c.setIfEmpty("copy_exclude", List.of(".git"));
    }

    @Override
    public void defineTasks(TaskRegistry t) {
        t.define("copy:build", "Build and pack the release on this machine", ctx -> {
            if (RepositoryCheck.skipped(ctx, "copy:build")) return;
            build(ctx);
        });
        t.define("copy:create_release", "Upload the packed release and unpack it", ctx -> {
            Path built = ctx.runner().state(Built.class, Built::new).tarball;
            Path tarball = built != null ? built : build(ctx);
            try {
                ArtifactRelease.create(ctx, "copy:create_release", ArtifactRun.ofLocalFile(tarball, ctx.config().fetchString("artifact_version")));
            } finally {
                delete(tarball);
            }
        });
    }

    @Override
    public void registerHooks(TaskRegistry t) {
        t.before("deploy:lock", "copy:build", null);
        t.after("deploy:new_release_path", "copy:create_release", null);
    }

    /** Runs copy_build in copy_dir, then packs copy_dir (minus copy_exclude) into a temporary .tgz. */
    private static Path build(TaskContext ctx) {
        Configuration c = ctx.config();
        Path dir = Path.of(c.fetchString("copy_dir")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("copy_dir: " + dir + " is not a directory on this machine");
        Path tarball;
        try {
            tarball = Files.createTempDirectory("capstan-copy").resolve(c.fetch("application", "release") + ".tgz");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the copy strategy's tarball", e);
        }
        String build = c.fetchString("copy_build");
        StringBuilder excludes = new StringBuilder();
        for (Object pattern : c.fetchList("copy_exclude")) excludes.append(" --exclude=").append(Shell.escape(String.valueOf(pattern)));
        ctx.runLocally(r -> {
            if (build != null && !build.isBlank()) r.within(dir.toString(), () -> r.execute(r.raw(build)));
            r.execute(r.raw("tar -czf " + Shell.escape(tarball.toString()) + excludes + " -C " + Shell.escape(dir.toString()) + " ."));
        });
        ctx.runner().state(Built.class, Built::new).tarball = tarball;
        return tarball;
    }

    private static void delete(Path tarball) {
        try {
            Files.deleteIfExists(tarball);
            Files.deleteIfExists(tarball.getParent());
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
