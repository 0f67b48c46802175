package dev.capstan.remote;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns the arguments of {@code execute}/{@code test}/{@code capture} plus a {@link CommandContext}
 * into a {@link Command}. Pure: no I/O, tested as exact strings.
 *
 * <p>Forms: {@code ("git", "clone", url)} maps {@code git} through the {@link CommandMap} and escapes
 * every argument; a single string with blanks ({@code "ls -l | wc -l"}) is a shell snippet, sent as
 * written; a string with newlines is a script, run as one. Unlike SSHKit, every form honours
 * {@code within}, {@code with}, {@code as} and {@code umask}.
 */
public final class CommandBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandMap map;

    public CommandBuilder(CommandMap map) {
        this.map = map;
    }

    public Command build(List<?> args, CommandContext ctx, Verbosity verbosity, boolean raiseOnNonZero) {
        List<Object> flat = flatten(args);
        if (flat.isEmpty()) throw new IllegalArgumentException("no command given");
        Object first = flat.get(0);
        String head = String.valueOf(first);
        List<Object> rest = flat.subList(1, flat.size());

        String sent;
        String shown;
        String name;
        if (first instanceof Arg || !containsBlank(head)) {
            name = head;
            String mapped = first instanceof Arg ? render(first, false) : map.resolve(head);
            sent = join(mapped, rest, false);
            shown = join(first instanceof Arg ? render(first, true) : mapped, rest, true);
        } else {
            String snippet = mapFirstWord(head.strip());
            name = scriptName(head.strip().split("\\s+", 2)[0]);
            sent = join(snippet, rest, false);
            shown = join(oneLine(snippet), rest, true);
        }
        boolean group = !(first instanceof Arg || !containsBlank(head)) && LIST_OPERATOR.matcher(head).find();
        String script = wrap(sent, ctx, group, false);
        String logged = wrap(shown, ctx, group, true);
        return new Command(newId(), name, shown, script, logged, verbosity, raiseOnNonZero, null, null, null, ctx.user());
    }

    /** A script's first word names it ({@code git …}), unless it is shell grammar ({@code {}, {@code if}): then "script". */
    private static String scriptName(String firstWord) {
        return firstWord.matches("[A-Za-z0-9_][-A-Za-z0-9_.+/]*") && !SHELL_WORDS.contains(firstWord) ? firstWord : "script";
    }

    private static final java.util.Set<String> SHELL_WORDS = java.util.Set.of("if", "for", "while", "until", "case");

    /** The guard SSHKit runs before a {@code within} block. */
    public static String directoryGuard(String dir) {
        String d = Shell.escapeKeepingTilde(dir);
        return "if test ! -d " + d + "; then echo \"Directory does not exist '" + d + "'\" 1>&2; false; fi";
    }

    /** The guard SSHKit runs before an {@code as} block. */
    public static String userGuard(String user) {
        String u = Shell.escape(user);
        return "if ! sudo -u " + u + " whoami > /dev/null; then echo \"You cannot switch to user '" + u
                + "' using sudo, please check the sudoers file\" 1>&2; false; fi";
    }

    /** A snippet such as {@code a; b} or {@code a || b} runs as one group, so {@code cd DIR &&} covers all of it. */
    private static final java.util.regex.Pattern LIST_OPERATOR = java.util.regex.Pattern.compile(";|&&|\\|\\||&\\s*$|&\\s");

    private String wrap(String command, CommandContext ctx, boolean group, boolean shown) {
        String inner = command.contains("\n") ? "(\n" + command + "\n)"
                : group && (ctx.dir() != null || ctx.umask() != null) ? "( " + command + " )" : command;
        if (ctx.group() != null) inner = "sg " + Shell.escape(ctx.group()) + " -c " + Shell.escape(inner);
        if (ctx.user() != null) {
            String envAssign = assignments(ctx, shown);
            inner = "sudo -u " + Shell.escape(ctx.user()) + " " + (envAssign.isEmpty() ? "" : envAssign + " ")
                    + "-- sh -c " + Shell.escape(inner);
        }
        if (!ctx.env().isEmpty()) inner = "( export " + assignments(ctx, shown) + " ; " + inner + " )";
        if (ctx.umask() != null) inner = "umask " + Shell.escape(ctx.umask()) + " && " + inner;
        if (ctx.dir() != null) inner = "cd " + Shell.escapeKeepingTilde(ctx.dir()) + " && " + inner;
        return inner;
    }

    /**
     * {@code NAME="value"}: double quotes keep SSHKit's meaning ({@code $PATH} expands), except for a secret value,
     * which is single-quoted (sent exactly as written) and shown as {@code [REDACTED]}.
     */
    private static String assignments(CommandContext ctx, boolean shown) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : ctx.env().entrySet()) {
            if (sb.length() > 0) sb.append(' ');
            boolean secret = ctx.secretEnv().contains(e.getKey());
            sb.append(e.getKey()).append('=').append(!secret ? Shell.doubleQuoted(e.getValue())
                    : shown ? Arg.Redacted.SHOWN : Shell.singleQuoted(e.getValue()));
        }
        return sb.toString();
    }

    private String mapFirstWord(String snippet) {
        if (snippet.contains("\n")) return snippet;
        String[] parts = snippet.split(" ", 2);
        if (!map.hasExplicit(parts[0])) return snippet;
        return map.resolve(parts[0]) + (parts.length > 1 ? " " + parts[1] : "");
    }

    private static String join(String command, List<Object> rest, boolean shown) {
        if (rest.isEmpty()) return command;
        StringBuilder sb = new StringBuilder(command);
        for (Object a : rest) sb.append(' ').append(render(a, shown));
        return sb.toString();
    }

    private static String render(Object arg, boolean shown) {
        if (arg instanceof Arg.Raw r) return r.text();
        if (arg instanceof Arg.Redacted r) return shown ? Arg.Redacted.SHOWN : Shell.escape(r.value());
        if (arg instanceof Path p) return Shell.escape(p.toString());
        return Shell.escape(String.valueOf(arg));
    }

    /**
     * SSHKit's one-line form of a script: each line stripped, blank ones dropped, joined with "; " — except
     * after a line that opens a block or continues a pipeline ({@code do}, {@code then}, {@code &&} ...), where
     * SSHKit's "; " would show a script that is not valid shell.
     */
    static String oneLine(String script) {
        if (!script.contains("\n")) return script;
        StringBuilder sb = new StringBuilder();
        String previous = null;
        for (String line : script.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            if (previous != null) sb.append(continues(previous) ? " " : "; ");
            sb.append(line);
            previous = line;
        }
        return sb.toString();
    }

    private static final String[] OPENING_WORDS = {"do", "then", "else", "elif"};

    /** True when a line ends with an opening word or an operator that the next line continues. */
    private static boolean continues(String line) {
        if (line.endsWith("{") || line.endsWith("(") || line.endsWith("&&") || line.endsWith("|") || line.endsWith(";")) return true;
        for (String word : OPENING_WORDS) {
            int before = line.length() - word.length() - 1;
            if (line.endsWith(word) && (before < 0 || Character.isWhitespace(line.charAt(before)) || line.charAt(before) == ';')) return true;
        }
        return false;
    }

    private static boolean containsBlank(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return true;
        return false;
    }

    private static List<Object> flatten(Collection<?> args) {
        List<Object> out = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof Collection<?> c) out.addAll(flatten(c));
            else if (a instanceof Object[] arr) out.addAll(flatten(List.of(arr)));
            else if (a instanceof Map<?, ?>) throw new IllegalArgumentException("options must come first, not among the arguments: " + a);
            else if (a != null) out.add(a instanceof CharSequence cs ? cs.toString() : a);
        }
        return out;
    }

    static String newId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
