package dev.capstan.cli.completion;

import dev.capstan.cli.Invocation;
import dev.capstan.cli.Main;

import java.util.List;

/**
 * {@code capstan completion bash|zsh|fish} prints the completion script for that shell;
 * {@code capstan completion list tasks|hosts|roles [STAGE]} prints the names the scripts complete.
 */
public final class CompletionCommand {
    private CompletionCommand() {}

    public static int run(Invocation call) {
        List<String> w = call.words();
        if (w.size() == 1 && CompletionScripts.SHELLS.contains(w.get(0))) {
            call.out().print(CompletionScripts.script(w.get(0)));
            call.out().flush();
            return Main.OK;
        }
        if (w.size() >= 2 && w.get(0).equals("list") && List.of("tasks", "hosts", "roles").contains(w.get(1))) {
            String stage = w.size() > 2 ? w.get(2) : null;
            if (!w.get(1).equals("tasks") && stage == null) return Main.OK; // hosts of no stage: nothing to offer
            for (String name : CompletionListing.names(call.dir(), w.get(1), stage, call.env())) call.out().println(name);
            return Main.OK;
        }
        call.err().println("capstan: usage: capstan completion bash|zsh|fish  (e.g. source <(capstan completion bash))");
        return Main.USAGE;
    }
}
