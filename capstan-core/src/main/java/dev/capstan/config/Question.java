package dev.capstan.config;

/**
 * A value from {@code ask}: the person at the terminal is asked on the first fetch, once.
 * Without a terminal the default is used; without a default it is an error naming the variable.
 */
public final class Question implements Lazy {
    private final String key;
    private final Object defaultValue;
    private final String prompt;
    private final boolean echo;
    private final Prompter prompter;
    private volatile boolean asked;
    private Object answer;

    public Question(String key, Object defaultValue, String prompt, boolean echo, Prompter prompter) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.prompt = prompt;
        this.echo = echo;
        this.prompter = prompter;
    }

    @Override
    public synchronized Object evaluate() {
        if (asked) return answer;
        String text = prompt == null ? "Please enter " + key : prompt;
        // a secret's default is never shown: the prompt is on the terminal, and terminals are recorded
        String shown = defaultValue == null ? text + ": " : text + " (" + (echo ? defaultValue : "Enter for the default") + "): ";
        String reply = prompter.ask(shown, echo);
        if (reply == null && defaultValue == null) {
            throw new ConfigException("variable '" + key + "' is asked for (ask '" + key
                    + "'), but there is no terminal to answer and no default: set it in the configuration, or run on a terminal");
        }
        answer = reply == null || reply.isEmpty() ? defaultValue : reply;
        asked = true;
        return answer;
    }

    public boolean isAsked() { return asked; }

    public boolean isSecret() { return !echo; }

    @Override
    public String toString() {
        return asked ? String.valueOf(answer) : "Question (awaits user input on next fetch('" + key + "'))";
    }
}
