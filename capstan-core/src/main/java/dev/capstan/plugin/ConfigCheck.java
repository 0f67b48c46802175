package dev.capstan.plugin;

import dev.capstan.config.Configuration;
import dev.capstan.config.Lazy;
import dev.capstan.config.NearestNames;
import dev.capstan.config.Question;
import dev.capstan.config.Variable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables of a loaded project, checked against the declarations before any host is touched: every
 * problem at once. Unknown names are warnings (errors when strict), with the nearest known name; values of
 * the wrong type or range and missing required variables are errors. Lazy values and questions (`ask`)
 * are left alone: reading them could ask the user or run their code.
 */
public final class ConfigCheck {
    /** One finding; {@code error} false is a warning. */
    public record Problem(boolean error, String message) {}

    private ConfigCheck() {}

    public static List<Problem> check(Configuration config, List<Plugin> plugins, boolean strict) {
        return check(config, plugins, strict, true);
    }

    /**
     * As {@link #check(Configuration, List, boolean)}; with {@code required} false a missing required variable is not
     * reported (a run of the project's own tasks may not need what a deploy needs, as in Capistrano, which fetches lazily).
     */
    public static List<Problem> check(Configuration config, List<Plugin> plugins, boolean strict, boolean required) {
        Map<String, VariableCatalog.Entry> known = VariableCatalog.of(plugins).byName();
        config.declared().forEach(v -> known.putIfAbsent(v.name(), new VariableCatalog.Entry("project", v)));
        VariableCatalog everywhere = VariableCatalog.all();
        Set<String> allNames = new TreeSet<>(known.keySet());
        everywhere.entries().forEach(e -> allNames.add(e.variable().name()));

        List<Problem> out = new ArrayList<>();
        for (String key : config.keys()) {
            // a question (`ask`) declares its variable
            // a question (`ask`) declares its variable; NAME=value arguments are ENV as much as variables
            if (known.containsKey(key) || config.raw(key) instanceof Question || !key.equals(key.toLowerCase(Locale.ROOT))
                    || key.startsWith("capstan_") || "command line".equals(config.originOf(key))) continue;
            List<String> elsewhere = everywhere.owners(key);
            String message = elsewhere.isEmpty()
                    ? "variable '" + key + "' is set but nothing declares it" + NearestNames.hint(key, allNames)
                            + "; a variable of your own tasks is declared with  variable '" + key + "', 'what it is'"
                    : "variable '" + key + "' is set but only " + String.join(" and ", elsewhere) + " reads it, and this project does not use "
                            + (elsewhere.size() == 1 ? "it" : "them") + " (add  use '" + elsewhere.get(0) + "'  to the Capfile?)";
            out.add(new Problem(strict, message));
        }
        for (VariableCatalog.Entry e : known.values()) {
            Variable v = e.variable();
            Object raw = config.raw(v.name());
            if (raw instanceof Lazy) continue;
            if (v.required() && (raw == null || isBlank(raw))) {
                if (!required) continue;
                out.add(new Problem(true, "variable '" + v.name() + "' is not set, and " + e.owner() + " needs it: add  set '" + v.name()
                        + "', '...'  to config/deploy.groovy"));
                continue;
            }
            String mismatch = v.mismatch(raw);
            if (mismatch != null) out.add(new Problem(true, "variable '" + v.name() + "' " + mismatch));
        }
        return out;
    }

    private static boolean isBlank(Object raw) {
        return raw instanceof CharSequence s ? s.toString().isBlank() : raw instanceof Collection<?> c && c.isEmpty();
    }
}
