package dev.capstan.cli;

import dev.capstan.cli.OptionSpecs.Spec;
import dev.capstan.cli.OptionSpecs.Value;

import java.io.PrintStream;

/** {@code capstan --help} and {@code --version}, from the option table. */
final class Usage {
    static final String VERSION = "0.2.0";

    private Usage() {}

    static void version(PrintStream out) {
        out.println("Capstan Version: " + VERSION + " (Java " + System.getProperty("java.version") + ")");
    }

    static void help(PrintStream out) {
        out.println("Usage: capstan [OPTIONS] [ARGS...]");
        out.println("Deploy and automate remote work over SSH, the Capistrano way.");
        out.println();
        out.println(String.format("  %-34s %s", "[ARGS...]", "STAGE, then TASK names, then NAME=value settings; or `install`, `import [DIR]`."));
        for (Spec s : OptionSpecs.ALL) out.println(line(s));
        out.println();
        out.println("Commands (besides tasks):");
        for (Commands.Entry c : Commands.all()) out.println(String.format("  %-34s %s", c.usage(), c.description()));
        out.println("""

                Examples:
                  capstan install --stages staging,production   scaffold a project
                  capstan import                                convert this Capistrano project
                  capstan -T                                    list tasks
                  capstan production deploy                     deploy
                  capstan production deploy:rollback            roll back
                  capstan production doctor                     check the configuration and every host
                  capstan --dry-run staging deploy              print every command, touch nothing
                  capstan production exec -- uptime             one command on every host, a table of results

                Exit status: 0 success, 1 a task failed, 2 usage or configuration error.""");
    }

    private static String line(Spec s) {
        String shortName = s.names().stream().filter(n -> !n.startsWith("--")).findFirst().orElse(null);
        String longName = s.names().stream().filter(n -> n.startsWith("--")).findFirst().orElse("");
        String value = s.value() == Value.REQUIRED ? "=" + s.label() : s.value() == Value.OPTIONAL ? "[=" + s.label() + "]" : "";
        String names = (shortName == null ? "    " : shortName + ", ") + longName + value;
        return String.format("  %-34s %s", names, s.description());
    }
}
