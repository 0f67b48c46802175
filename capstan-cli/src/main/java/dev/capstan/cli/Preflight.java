package dev.capstan.cli;

import dev.capstan.config.Configuration;
import dev.capstan.config.NearestNames;
import dev.capstan.config.Server;
import dev.capstan.output.Outputs;
import dev.capstan.plugin.ConfigCheck;
import dev.capstan.plugin.ConfigCheck.Problem;
import dev.capstan.plugin.Plugin;
import dev.capstan.plugin.Plugins;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is checked before any host is touched, all at once: the option values, the project's variables
 * ({@link ConfigCheck}) and the host selection. Warnings are printed and the run goes on; any error ends it
 * with exit status 2 and every problem listed.
 */
final class Preflight {
    private final List<Problem> problems = new ArrayList<>();

    /** {@code --format} and {@code --log-level}: their values, with the allowed ones listed. */
    Preflight options(Options o) {
        List<String> formats = new ArrayList<>(Outputs.FORMATS);
        if (o.format != null && !formats.contains(o.format.strip().toLowerCase(Locale.ROOT)) && !o.format.strip().equalsIgnoreCase("airbrussh")) {
            error("--format '" + o.format + "' is not one of " + String.join(", ", formats) + NearestNames.hint(o.format, formats));
        }
        List<String> levels = Arrays.stream(Verbosity.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        if (o.logLevel != null && !levels.contains(o.logLevel.strip().toLowerCase(Locale.ROOT))) {
            error("--log-level '" + o.logLevel + "' is not one of " + String.join(", ", levels) + NearestNames.hint(o.logLevel, levels));
        }
        return this;
    }

    /** The variables against the declarations of Capstan and the project's plugins. */
    Preflight variables(Configuration config, List<String> pluginNames, boolean strict, List<String> taskNames) {
        List<Plugin> plugins = pluginNames.stream().map(Plugins::find).flatMap(Optional::stream).toList();
        // required variables matter to the deploy recipes and to `capstan STAGE` (check everything), not to a task of one's own
        boolean required = taskNames.isEmpty() || taskNames.stream().anyMatch(t -> t.equals("deploy") || t.startsWith("deploy:") || t.contains("git:")
                || t.startsWith("svn:") || t.startsWith("hg:"));
        problems.addAll(ConfigCheck.check(config, plugins, strict, required));
        if (pluginNames.contains("services")) {
            try {
                dev.capstan.deploy.service.ServiceSpec.all(config); // a bad service or health line, named with its line
            } catch (dev.capstan.config.ConfigException e) {
                error(e.getMessage());
            }
        }
        return this;
    }

    /** Filters that match no host, or a deploy to a stage without servers. */
    Preflight hosts(Configuration config, String stage, List<String> filters, List<String> taskNames) {
        List<Host> all = config.servers().all().stream().map(Server::toHost).toList();
        List<String> names = all.stream().map(Host::getHostname).distinct().toList();
        if (all.isEmpty() && taskNames.stream().anyMatch(t -> t.equals("deploy") || t.startsWith("deploy:"))) {
            error("stage '" + stage + "' has no servers: add e.g.  server 'web1.example.com', user: 'deploy', roles: ['app', 'web']"
                    + "  to config/deploy/" + stage + ".groovy");
        } else if (!all.isEmpty() && !filters.isEmpty() && config.filters().apply(all).isEmpty()) {
            error("no hosts match " + String.join(" and ", filters) + "; stage " + stage + " has " + String.join(", ", names));
        }
        return this;
    }

    /** Prints the warnings and, when there are errors, every problem; true when the run must stop. */
    boolean report(PrintStream err) {
        List<Problem> errors = problems.stream().filter(Problem::error).toList();
        for (Problem p : problems) if (!p.error()) err.println("capstan: warning: " + p.message());
        if (errors.isEmpty()) return false;
        err.println("capstan: " + (errors.size() == 1 ? "1 problem" : errors.size() + " problems") + " found before connecting; no host was touched:");
        for (Problem p : errors) err.println("  - " + p.message());
        return true;
    }

    private void error(String message) {
        problems.add(new Problem(true, message));
    }
}
