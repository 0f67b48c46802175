package dev.capstan.cli;

import dev.capstan.config.Prompter;

import java.io.PrintStream;

/**
 * Asks on the terminal without drawing over the status line: the line is erased first, and the console (which
 * writes every line and the status line under the same lock) draws nothing until the answer is in; the status
 * line comes back with the next line of output.
 */
final class TerminalPrompter implements Prompter {
    private static final String ERASE_LINE = "\r\u001b[2K";

    private final Prompter asker;
    private final PrintStream console;

    TerminalPrompter(Prompter asker, PrintStream console) {
        this.asker = asker;
        this.console = console;
    }

    @Override
    public String ask(String prompt, boolean echo) {
        synchronized (console) {
            console.print(ERASE_LINE);
            console.flush();
            return asker.ask(prompt, echo);
        }
    }
}
