package dev.capstan.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a Capistrano user reads as ENV: the {@code NAME=value} arguments of the command line (Rake puts them
 * in ENV) over the process environment. A variable given as an argument wins over the files' {@code set};
 * each time it does, {@code notices} hears where.
 */
public record CommandLineEnv(Map<String, String> arguments, Map<String, String> environment, Consumer<String> notices) {
    public static final CommandLineEnv NONE = new CommandLineEnv(Map.of(), Map.of(), n -> {});

    public CommandLineEnv {
        arguments = Map.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** The {@code NAME=value} words of {@code words}, in order (later ones win). */
    public static Map<String, String> assignments(List<String> words) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : words) {
            if (!isAssignment(w)) continue;
            int eq = w.indexOf('=');
            out.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return out;
    }

    /** The words that are not assignments (stage and task names). */
    public static List<String> others(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) if (!isAssignment(w)) out.add(w);
        return out;
    }

    public static boolean isAssignment(String word) {
        return word.matches("[A-Za-z_][A-Za-z0-9_]*=.*");
    }

    /** {@code env('BRANCH')}: the argument, else the process environment; null when neither has it. */
    public String get(String name) {
        String v = arguments.get(name);
        return v != null ? v : environment.get(name);
    }

    /** The answer to {@code ask 'name'} without asking: the argument, else the environment as {@code name} or {@code NAME}. */
    public String answer(String key) {
        String v = get(key);
        return v != null ? v : environment.get(key.toUpperCase(java.util.Locale.ROOT));
    }
}
