package dev.capstan.deploy;

import dev.capstan.config.ConfigException;
import dev.capstan.deploy.Chain.Link;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.remote.Host;
import dev.capstan.remote.RemoteException;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** deploy:check and its sub-tasks: the directories exist, linked files are in shared. */
final class CheckTasks {
    private CheckTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy:check", "Check required files and directories exist", ctx -> {
            ctx.invoke("deploy:check:directories");
            ctx.invoke("deploy:check:linked_dirs");
            ctx.invoke("deploy:check:make_linked_dirs");
            ctx.invoke("deploy:check:linked_files");
        });
        t.define("deploy:check:directories", "Check shared and release directories exist", ctx -> checks(ctx).run(ctx, "deploy:check:directories"));
        t.define("deploy:check:linked_dirs", "Check directories to be linked exist in shared", ctx -> checks(ctx).run(ctx, "deploy:check:linked_dirs"));
        t.define("deploy:check:make_linked_dirs", "Check directories of files to be linked exist in shared",
                ctx -> checks(ctx).run(ctx, "deploy:check:make_linked_dirs"));
        t.define("deploy:check:linked_files", "Check files to be linked exist in shared", ctx -> checks(ctx).run(ctx, "deploy:check:linked_files"));
    }

    /**
     * The checks as one chain: the directories (with linked dirs and the parents of linked files, in one mkdir when
     * they share the command), then the linked files, which must exist on every host.
     */
    private static Chain checks(TaskContext ctx) {
        DeployPaths p = new DeployPaths(ctx);
        List<String> linkedDirs = under(p.sharedPath(), SharedLinks.dirs(ctx));
        List<String> linkedFiles = under(p.sharedPath(), SharedLinks.files(ctx));
        Set<String> parents = new LinkedHashSet<>();
        for (String f : linkedFiles) parents.add(Path.of(f).getParent().toString());
        Step directories = Step.of("deploy:check:directories", (host, same) -> {
            Set<String> dirs = new LinkedHashSet<>(List.of(p.sharedPath(), p.releasesPath()));
            if (same.contains("deploy:check:linked_dirs")) dirs.addAll(linkedDirs);
            if (same.contains("deploy:check:make_linked_dirs")) dirs.addAll(parents);
            return ReleaseCommands.mkdirs(dirs);
        });
        Step dirs = Step.of("deploy:check:linked_dirs", (host, same) ->
                linkedDirs.isEmpty() || same.contains("deploy:check:directories") ? null : ReleaseCommands.mkdirs(linkedDirs));
        Step makeDirs = Step.of("deploy:check:make_linked_dirs", (host, same) ->
                parents.isEmpty() || same.contains("deploy:check:directories") ? null : ReleaseCommands.mkdirs(parents));
        Map<String, String> missing = new ConcurrentHashMap<>();
        Step files = Step.of("deploy:check:linked_files", (host, same) -> linkedFiles.isEmpty() ? null : ReleaseCommands.missingFiles(linkedFiles))
                .reading(new Step.ReadBack() {
                    @Override public void read(Host host, String stdout) { missing.put(host.label(), stdout); }

                    @Override public void finish() { failOnMissing(ctx, missing); }
                });
        return new Chain("checks", null, List.of(Link.step(directories.described("directories")),
                Link.step(dirs.described(linkedDirs.isEmpty() ? null : linkedDirs.size() + " linked dirs")),
                Link.step(makeDirs.described(parents.isEmpty() ? null : "their parents")),
                Link.step(files.described(linkedFiles.isEmpty() ? null : linkedFiles.size() + " linked files present"))));
    }

    /** A missing linked file fails the deploy before anything changes, naming every host and file. */
    private static void failOnMissing(TaskContext ctx, Map<String, String> missingByHost) {
        List<String> problems = new ArrayList<>();
        missingByHost.forEach((host, missing) -> {
            if (missing.isBlank()) return;
            for (String m : missing.lines().toList()) ctx.error("linked file " + m + " does not exist on " + host);
            problems.add(host + ": " + String.join(", ", missing.lines().toList()));
        });
        if (!problems.isEmpty()) {
            throw new RemoteException(null, "linked file(s) missing (create them in shared/ before deploying):\n- "
                    + String.join("\n- ", problems.stream().sorted().toList()));
        }
    }

    /** Linked paths are relative to the release; an absolute path or {@code ..} would escape it. */
    static List<String> linked(List<String> paths, String variable) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String clean = p.strip();
            while (clean.endsWith("/")) clean = clean.substring(0, clean.length() - 1);
            if (clean.isEmpty() || clean.startsWith("/") || Path.of(clean).normalize().startsWith("..")
                    || List.of(clean.split("/")).contains("..")) {
                throw new ConfigException("variable '" + variable + "': '" + p + "' must be a path inside the release (relative, no '..')");
            }
            out.add(clean);
        }
        return out;
    }

    static List<String> under(String base, List<String> paths) {
        return paths.stream().map(p -> base + "/" + p).toList();
    }
}
