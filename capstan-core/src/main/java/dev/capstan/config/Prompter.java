package dev.capstan.config;

/** Asks the person at the terminal for a value; {@code ask} uses it. */
public interface Prompter {
    /** @return the answer, or null when there is no terminal to ask */
    String ask(String prompt, boolean echo);

    /** Never asks: every question gets its default (or a clear error when it has none). */
    Prompter NONE = (prompt, echo) -> null;

    /** Asks on the process console when there is one. */
    static Prompter console() {
        return (prompt, echo) -> {
            java.io.Console c = System.console();
            if (c == null) return null;
            if (echo) return c.readLine("%s", prompt);
            char[] answer = c.readPassword("%s", prompt);
            return answer == null ? null : new String(answer);
        };
    }
}
