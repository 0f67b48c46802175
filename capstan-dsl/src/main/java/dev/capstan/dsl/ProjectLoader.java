package dev.capstan.dsl;

import dev.capstan.config.ConfigException;
import dev.capstan.config.Configuration;
import dev.capstan.config.NearestNames;
import dev.capstan.config.Prompter;
import dev.capstan.task.TaskRegistry;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.util.DelegatingScript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads a project in Capistrano's order: Capfile, then lib/capstan/tasks/*.groovy (as Capistrano imports
 * them from the Capfile), then the plugins' defaults, config/deploy.groovy, and the stage file.
 */
public final class ProjectLoader {
    static final Set<String> RESERVED_STAGES = Set.of("deploy", "doctor", "install");

    private final Path cache;
    private final Prompter prompter;

    public ProjectLoader(Path cache, Prompter prompter) {
        this.cache = cache;
        this.prompter = prompter;
    }

    public ProjectLoader() {
        this(ScriptCompiler.defaultCache(), Prompter.console());
    }

    /** The directory holding a Capfile, searching upward from {@code start}; null when there is none. */
    public static Path findRoot(Path start) {
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("Capfile"))) return d;
        }
        return null;
    }

    /**
     * Loads the project; {@code stage} null loads no stage file (as {@code -T} does).
     * {@code beforeConfig} may set variables first (command-line NAME=value).
     */
    public Project load(Path start, String stage, Consumer<Configuration> beforeConfig) {
        return load(start, stage, CommandLineEnv.NONE, beforeConfig);
    }

    /**
     * Loads the project with the command line's {@code NAME=value} arguments: set before the config files
     * (so they can fetch them), never overwritten by their {@code set}, and read by {@code env('NAME')}.
     */
    public Project load(Path start, String stage, CommandLineEnv env) {
        return load(start, stage, env, c -> env.arguments().forEach(c::set));
    }

    /** As {@link #load(Path, String, CommandLineEnv)}, with {@code beforeConfig} called as soon as the configuration exists. */
    public Project load(Path start, String stage, CommandLineEnv env, Consumer<Configuration> beforeConfig) {
        Configuration config = new Configuration();
        config.prompter(prompter);
        TaskRegistry tasks = new TaskRegistry();
        Path root = findRoot(start);
        if (root == null) {
            if (stage != null) throw new ConfigException("no Capfile found in " + start.toAbsolutePath() + " or above: run `capstan install` to create a project");
            return new Project(null, config, tasks, List.of(), List.of());
        }
        ScriptLocations locations = new ScriptLocations(root);
        ScriptCompiler compiler = new ScriptCompiler(cache, locations);
        PluginInstaller plugins = new PluginInstaller(tasks);
        Dsl dsl = new Dsl(config, tasks, plugins, locations, env);

        run(compiler, dsl, root, root.resolve("Capfile"), locations);
        Path taskDir = root.resolve("lib/capstan/tasks");
        for (Path f : list(taskDir)) run(compiler, dsl, root, f, locations);
        plugins.applyDefaults(config);
        beforeConfig.accept(config);
        Path deployConfig = root.resolve(String.valueOf(config.fetch("deploy_config_path", "config/deploy.groovy")));
        if (Files.exists(deployConfig)) run(compiler, dsl, root, deployConfig, locations);

        Path stageDir = root.resolve(String.valueOf(config.fetch("stage_config_path", "config/deploy")));
        List<String> stages = list(stageDir).stream().map(p -> p.getFileName().toString().replaceFirst("\\.groovy$", "")).toList();
        for (String s : stages) {
            if (RESERVED_STAGES.contains(s)) {
                throw new ConfigException("\"" + s + "\" is a reserved word and cannot be used as a stage. Rename \""
                        + root.relativize(stageDir.resolve(s + ".groovy")) + "\" to something else.");
            }
        }
        if (stage != null) {
            if (!stages.contains(stage)) {
                throw new ConfigException("unknown stage '" + stage + "' (no " + root.relativize(stageDir.resolve(stage + ".groovy"))
                        + "); stages: " + (stages.isEmpty() ? "(none)" : String.join(", ", stages)) + NearestNames.hint(stage, stages));
            }
            config.set("stage", stage);
            config.origin("stage", "command line");
            run(compiler, dsl, root, stageDir.resolve(stage + ".groovy"), locations);
        }
        dsl.loaded();
        return new Project(root, config, tasks, stages, plugins.names());
    }

    private static void run(ScriptCompiler compiler, Dsl dsl, Path root, Path file, ScriptLocations locations) {
        String shown = root.relativize(file).toString();
        DelegatingScript script = compiler.load(file, shown);
        script.setDelegate(dsl);
        try {
            script.run();
        } catch (DslException e) {
            throw e;
        } catch (MissingMethodException e) {
            throw new DslException(at(locations, e, shown) + "unknown DSL word '" + e.getMethod() + "'" + ClosureAction.args(e.getArguments())
                    + DslWords.hint(e.getMethod(), false), e);
        } catch (MissingPropertyException e) {
            throw new DslException(at(locations, e, shown) + "unknown name '" + e.getProperty() + "'", e);
        } catch (RuntimeException e) {
            throw new DslException(at(locations, e, shown) + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    private static String at(ScriptLocations locations, Throwable e, String shown) {
        String loc = locations.locate(e);
        return (loc == null ? shown : loc) + ": ";
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".groovy")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list " + dir + ": " + e.getMessage());
        }
    }
}
