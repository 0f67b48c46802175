package dev.capstan.cli;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every option of {@code capstan}, once: its names, whether it takes a value, the help line, and where the
 * value goes. The parser and the usage text both read this table, so they cannot disagree.
 */
final class OptionSpecs {
    /** NONE: a flag; REQUIRED: {@code --name VALUE} or {@code --name=VALUE}; OPTIONAL: the value may be left out. */
    enum Value { NONE, REQUIRED, OPTIONAL }

    record Spec(List<String> names, Value value, String label, String description, BiConsumer<Options, String> apply) {
        boolean named(String name) {
            return names.contains(name);
        }
    }

    static final List<Spec> ALL = List.of(
            flag("-T, --tasks", Value.OPTIONAL, "PATTERN", "List tasks with descriptions (only those matching PATTERN, if given).",
                    (o, v) -> o.tasks = v == null ? "" : v),
            flag("-A, --all", "With -T, also list tasks without a description.", o -> o.all = true),
            flag("-P, --prereqs", "Show each task's prerequisites and after-hooks.", o -> o.prereqs = true),
            flag("-p, --print-config-variables", "Print every variable at deploy:starting (secrets masked).", o -> o.printConfig = true),
            flag("-n, --dry-run", "Print every command that would run; touch no host.", o -> o.dryRun = true),
            flag("-z, --hosts", Value.REQUIRED, "HOSTS", "Run only on these hosts (comma list or regex; !name excludes).", (o, v) -> o.hosts.add(v)),
            flag("-r, --roles", Value.REQUIRED, "ROLES", "Run only on hosts with these roles (comma list or /regex/).", (o, v) -> o.roles.add(v)),
            flag("--format", Value.REQUIRED, "NAME", "Output: concise (default), pretty, dot or json.", (o, v) -> o.format = v),
            flag("--log-level", Value.REQUIRED, "LEVEL", "Console level: trace, debug, info (default), warn, error.", (o, v) -> o.logLevel = v),
            flag("--report", Value.REQUIRED, "FILE", "Write a self-contained HTML report of the run.", (o, v) -> o.report = v),
            flag("--sequence", "With exec and console: one host after another instead of all at once.", o -> o.sequence = true),
            flag("--limit", Value.REQUIRED, "N", "With exec: at most N hosts at a time.", (o, v) -> o.limit = positive("--limit", v)),
            flag("--force-unlock", "Break a deploy lock held by another run before taking it.", o -> o.forceUnlock = true),
            flag("-t, --trace", "Show task invocations and full stack traces.", o -> o.trace = true),
            flag("--strict", "Make unknown variables errors (exit 2) instead of warnings.", o -> o.strict = true),
            flag("--stages", Value.REQUIRED, "STAGES", "With install: the stage files to create (default staging,production).",
                    (o, v) -> o.stages = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()),
            flag("-C, --directory", Value.REQUIRED, "DIR", "Run as if started in DIR.", (o, v) -> o.directory = v),
            flag("-h, --help", "Show this help message and exit.", o -> o.help = true),
            flag("-V, --version", "Print version information and exit.", o -> o.version = true));

    private OptionSpecs() {}

    /** The option called {@code name} ({@code -T} or {@code --tasks}); null when there is none. */
    static Spec find(String name) {
        for (Spec s : ALL) if (s.named(name)) return s;
        return null;
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException(name + " needs a whole number of hosts above 0 (given: '" + value + "')");
    }

    private static Spec flag(String names, String description, java.util.function.Consumer<Options> set) {
        return new Spec(List.of(names.split(", ")), Value.NONE, null, description, (o, v) -> set.accept(o));
    }

    private static Spec flag(String names, Value value, String label, String description, BiConsumer<Options, String> apply) {
        return new Spec(List.of(names.split(", ")), value, label, description, apply);
    }
}
