package dev.capstan.deploy;

import dev.capstan.config.ConfigException;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.remote.RemoteException;
import dev.capstan.task.TaskRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        t.define("deploy:check:directories", "Check shared and release directories exist", ctx -> {
            DeployPaths p = new DeployPaths(ctx.config());
            Set<String> dirs = new LinkedHashSet<>(List.of(p.sharedPath(), p.releasesPath()));
            List<String> files = List.of();
            boolean fold = Folding.untouched(ctx, "deploy:check:linked_dirs", "deploy:check:make_linked_dirs", "deploy:check:linked_files")
                    && ctx.runner().registry().require("deploy:check:directories").afterHooks().isEmpty();
            if (fold) {
                dirs.addAll(under(p.sharedPath(), linked(ctx.config().fetchList("linked_dirs"), "linked_dirs")));
                files = under(p.sharedPath(), linked(ctx.config().fetchList("linked_files"), "linked_files"));
                for (String f : files) dirs.add(Path.of(f).getParent().toString());
                Folding.markDone(ctx, "deploy:check:linked_dirs", "deploy:check:directories");
                Folding.markDone(ctx, "deploy:check:make_linked_dirs", "deploy:check:directories");
                Folding.markDone(ctx, "deploy:check:linked_files", "deploy:check:directories");
            }
            List<String> linkedFiles = files;
            java.util.Map<String, String> missing = Folding.perHost(ctx, "missing_linked_files");
            ctx.on(Hosts.release(ctx), r -> {
                if (linkedFiles.isEmpty()) {
                    r.execute(ReleaseCommands.mkdirs(dirs).render());
                } else {
                    missing.put(r.host().label(), r.capture(Map.of("verbosity", "INFO"),
                            ReleaseCommands.mkdirs(dirs).and(ReleaseCommands.missingFiles(linkedFiles)).render()));
                }
            });
            if (fold) failOnMissing(ctx, missing);
        });
        t.define("deploy:check:linked_dirs", "Check directories to be linked exist in shared", ctx -> {
            if (Folding.alreadyDone(ctx, "deploy:check:linked_dirs")) return;
            List<String> dirs = linked(ctx.config().fetchList("linked_dirs"), "linked_dirs");
            if (dirs.isEmpty()) return;
            DeployPaths p = new DeployPaths(ctx.config());
            ctx.on(Hosts.release(ctx), r -> r.execute(ReleaseCommands.mkdirs(under(p.sharedPath(), dirs)).render()));
        });
        t.define("deploy:check:make_linked_dirs", "Check directories of files to be linked exist in shared", ctx -> {
            if (Folding.alreadyDone(ctx, "deploy:check:make_linked_dirs")) return;
            List<String> files = linked(ctx.config().fetchList("linked_files"), "linked_files");
            if (files.isEmpty()) return;
            DeployPaths p = new DeployPaths(ctx.config());
            Set<String> parents = new LinkedHashSet<>();
            for (String f : under(p.sharedPath(), files)) parents.add(Path.of(f).getParent().toString());
            ctx.on(Hosts.release(ctx), r -> r.execute(ReleaseCommands.mkdirs(parents).render()));
        });
        t.define("deploy:check:linked_files", "Check files to be linked exist in shared", ctx -> {
            if (Folding.alreadyDone(ctx, "deploy:check:linked_files")) return;
            List<String> files = linked(ctx.config().fetchList("linked_files"), "linked_files");
            if (files.isEmpty()) return;
            DeployPaths p = new DeployPaths(ctx.config());
            java.util.Map<String, String> missing = new java.util.concurrent.ConcurrentHashMap<>();
            ctx.on(Hosts.release(ctx), r -> missing.put(r.host().label(), r.capture(ReleaseCommands.missingFiles(under(p.sharedPath(), files)).render())));
            failOnMissing(ctx, missing);
        });
    }

    /** A missing linked file fails the deploy before anything changes, naming every host and file. */
    private static void failOnMissing(dev.capstan.task.TaskContext ctx, java.util.Map<String, String> missingByHost) {
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
