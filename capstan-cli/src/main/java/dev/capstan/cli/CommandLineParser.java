package dev.capstan.cli;

import dev.capstan.cli.OptionSpecs.Spec;
import dev.capstan.cli.OptionSpecs.Value;

import java.util.List;

/**
 * Parses {@code capstan}'s arguments into {@link Options}, as GNU and Rake users expect: options anywhere
 * among the words, {@code --name=value} or {@code --name value}, {@code -zweb1} or {@code -z web1}, short
 * flags bundled ({@code -nt}), and {@code --} ending the options. Written here rather than taken from a
 * library: picocli spent ~0.2 s of every start building its model by reflection (bench/BOUNDS.md).
 */
final class CommandLineParser {
    /** A mistake on the command line; the message names the argument at fault. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private CommandLineParser() {}

    static Options parse(String[] args) throws UsageException {
        Options o = new Options();
        o.argv = List.of(args);
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                o.args.add(a);
            } else if (a.equals("--")) {
                optionsEnded = true;
                o.beforeDashes = o.args.size();
            } else {
                try {
                    i = a.startsWith("--") ? longOption(o, args, i) : shortOptions(o, args, i);
                } catch (IllegalArgumentException badValue) {
                    throw new UsageException(badValue.getMessage());
                }
            }
        }
        return o;
    }

    /** {@code --name}, {@code --name=value} or {@code --name value}; returns the index of the last word used. */
    private static int longOption(Options o, String[] args, int i) throws UsageException {
        String a = args[i];
        String name = optionName(a);
        Spec spec = known(name);
        if (!name.equals(a)) {
            if (spec.value() == Value.NONE) throw new UsageException("option '" + name + "' takes no value (given: '" + a + "')");
            spec.apply().accept(o, a.substring(name.length() + 1));
            return i;
        }
        return takeValue(o, spec, name, args, i);
    }

    /** {@code -n}, {@code -nt} (bundled flags), {@code -zweb1}, {@code -z web1}, {@code -T=deploy}. */
    private static int shortOptions(Options o, String[] args, int i) throws UsageException {
        String a = args[i];
        for (int k = 1; k < a.length(); k++) {
            String name = "-" + a.charAt(k);
            Spec spec = known(name);
            if (spec.value() == Value.NONE) {
                spec.apply().accept(o, null);
                continue;
            }
            String rest = a.substring(k + 1);
            if (rest.startsWith("=")) rest = rest.substring(1);
            if (!rest.isEmpty()) {
                spec.apply().accept(o, rest);
                return i;
            }
            return takeValue(o, spec, name, args, i);
        }
        return i;
    }

    /** The option's value from the next word, if it takes one; an optional value is never an option or a setting. */
    private static int takeValue(Options o, Spec spec, String name, String[] args, int i) throws UsageException {
        boolean hasNext = i + 1 < args.length;
        switch (spec.value()) {
            case NONE -> spec.apply().accept(o, null);
            case REQUIRED -> {
                if (!hasNext || OptionSpecs.find(optionName(args[i + 1])) != null) {
                    throw new UsageException("option '" + name + "' needs a value (" + spec.label() + ")");
                }
                spec.apply().accept(o, args[i + 1]);
                return i + 1;
            }
            case OPTIONAL -> {
                if (hasNext && !args[i + 1].startsWith("-") && !args[i + 1].contains("=")) {
                    spec.apply().accept(o, args[i + 1]);
                    return i + 1;
                }
                spec.apply().accept(o, null);
            }
        }
        return i;
    }

    private static Spec known(String name) throws UsageException {
        Spec spec = OptionSpecs.find(name);
        if (spec == null) throw new UsageException("Unknown option: '" + name + "'" + suggestion(name));
        return spec;
    }

    private static String optionName(String word) {
        int eq = word.indexOf('=');
        return eq < 0 ? word : word.substring(0, eq);
    }

    /** The long options sharing the longest start with {@code name} (a typo near the end), as a hint. */
    private static String suggestion(String name) {
        if (!name.startsWith("--")) return "";
        List<String> longNames = OptionSpecs.ALL.stream().flatMap(s -> s.names().stream()).filter(n -> n.startsWith("--")).toList();
        int best = longNames.stream().mapToInt(n -> commonPrefix(n, name)).max().orElse(0);
        if (best < 4) return "";
        List<String> close = longNames.stream().filter(n -> commonPrefix(n, name) == best).toList();
        return " (did you mean " + String.join(" or ", close) + "?)";
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) n++;
        return n;
    }
}
