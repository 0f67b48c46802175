package dev.capstan.cli;

import dev.capstan.config.Configuration;
import dev.capstan.dsl.Project;
import dev.capstan.output.OutputOptions;
import dev.capstan.output.Outputs;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.config.Server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One call of a {@link CliCommand}: the loaded stage (null for a command without one), the words the command was
 * given, the options it may use, the streams, and a way to open output, connections and a coordinator.
 */
public final class Invocation {
    private final Options o;
    private final Project project;
    private final List<String> words;
    private final List<String> afterDashes;
    private final PrintStream out;
    private final PrintStream err;
    private final Path dir;
    private final Map<String, String> env;
    private final RunSecrets secrets;

    Invocation(Options o, Project project, List<String> words, PrintStream out, PrintStream err, Path dir, Map<String, String> env,
               RunSecrets secrets) {
        this.secrets = secrets;
        this.o = o;
        this.project = project;
        this.words = List.copyOf(words);
        this.afterDashes = o.beforeDashes < 0 ? List.of() : List.copyOf(o.args.subList(o.beforeDashes, o.args.size()));
        this.out = out;
        this.err = err;
        this.dir = dir;
        this.env = env;
    }

    public Project project() { return project; }
    public Configuration config() { return project.config(); }
    /** The words after the command's name and before a {@code --}, without {@code NAME=value} settings. */
    public List<String> words() { return words; }
    /** The words after {@code --} (a command's own options stay its own there); empty without one. */
    public List<String> afterDashes() { return afterDashes; }
    public boolean hasDashes() { return o.beforeDashes >= 0; }
    public PrintStream out() { return out; }
    public PrintStream err() { return err; }
    public Path dir() { return dir; }
    public Map<String, String> env() { return env; }
    public boolean sequence() { return o.sequence; }
    /** {@code --limit N}, or 0 when not given. */
    public int limit() { return o.limit; }
    public boolean dryRun() { return o.dryRun; }
    public boolean trace() { return o.trace; }

    /** The stage's servers narrowed by {@code --hosts}/{@code --roles}, {@code HOSTS}/{@code ROLES} and {@code filter}. */
    public List<Host> hosts() {
        List<Host> all = config().servers().all().stream().map(Server::toHost).toList();
        return config().filters().apply(all);
    }

    /** Opens output (in {@code defaultFormat}, or the configured one when null, unless {@code --format} says otherwise), connections and a coordinator. */
    public RemoteSession open(String defaultFormat) {
        Configuration config = config();
        var output = Outputs.open(outputOptions(o, config, project.root(), dir, out, err, env, defaultFormat, secrets));
        Backends.Opened backends = Backends.open(config, o.dryRun, output);
        return new RemoteSession(output, backends, new Coordinator(backends.provider(), Backends.settings(config, secrets.secrets()), output));
    }

    /** How a run's output is shown, from the options and the configuration ({@code format}, {@code log_level}, {@code log_file}). */
    static OutputOptions outputOptions(Options o, Configuration config, Path root, Path dir, PrintStream out, PrintStream err,
                                       Map<String, String> env, String defaultFormat, RunSecrets secrets) {
        boolean terminal = System.console() != null;
        boolean color = terminal && env.get("NO_COLOR") == null;
        // a command's own layout (grouped for exec) beats the deploy's `format`; --format beats both
        String format = o.format != null ? o.format : defaultFormat != null ? defaultFormat : String.valueOf(config.fetch("format", "concise"));
        Verbosity level = Verbosity.parse(o.logLevel != null ? o.logLevel : config.fetch("log_level", "info"));
        Path logFile = root.resolve(String.valueOf(config.fetch("log_file", "log/capstan.log")));
        Path report = o.report == null ? null : dir.resolve(o.report);
        return new OutputOptions(format, level, out, color, terminal, logFile, report, secrets.secrets()::values, err, 0);
    }
}
