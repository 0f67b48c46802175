package dev.capstan.cli.completion;

import dev.capstan.cli.Commands;
import dev.capstan.output.Outputs;
import dev.capstan.remote.Verbosity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The completion scripts for bash, zsh and fish: one template per shell (beside this class), filled from the one
 * option table ({@link Commands#options()}), the commands ({@link Commands#all()}), the formats and the log levels.
 * Stages come from {@code config/deploy/*.groovy} in the shell itself; tasks, hosts and roles from
 * {@code capstan completion list} ({@link CompletionListing}).
 */
final class CompletionScripts {
    static final List<String> SHELLS = List.of("bash", "zsh", "fish");

    private CompletionScripts() {}

    static String script(String shell) {
        List<String> all = new ArrayList<>();
        List<String> valued = new ArrayList<>();
        for (Commands.Option o : Commands.options()) {
            all.addAll(o.names());
            if (o.takesValue()) valued.addAll(o.names());
        }
        List<String> onStage = Commands.all().stream().filter(Commands.Entry::onStage).map(Commands.Entry::name).toList();
        List<String> plain = new ArrayList<>(List.of("install"));
        Commands.all().stream().filter(c -> !c.onStage()).map(Commands.Entry::name).forEach(plain::add);
        List<String> levels = Arrays.stream(Verbosity.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        return template(shell)
                .replace("@VALUE_OPTS@", String.join(" ", valued))
                .replace("@OPTS@", String.join(" ", all))
                .replace("@FORMATS@", String.join(" ", Outputs.FORMATS))
                .replace("@LEVELS@", String.join(" ", levels))
                .replace("@STAGE_CMDS@", String.join(" ", onStage))
                .replace("@PLAIN_CMDS@", String.join(" ", plain));
    }

    private static String template(String shell) {
        try (InputStream in = CompletionScripts.class.getResourceAsStream("capstan." + shell)) {
            if (in == null) throw new IllegalStateException("no completion template for " + shell);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
