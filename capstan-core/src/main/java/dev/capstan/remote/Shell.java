package dev.capstan.remote;

import java.util.regex.Pattern;

/** POSIX shell quoting, matching Ruby's Shellwords.escape so command strings read like SSHKit's. */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-.,:+/@]+");

    private Shell() {}

    /** One shell word whose value is exactly {@code s}. */
    public static String escape(String s) {
        if (s.isEmpty()) return "''";
        if (SAFE.matcher(s).matches()) return s;
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') out.append("'\n'");
            else if (isSafe(c)) out.append(c);
            else out.append('\\').append(c);
        }
        return out.toString();
    }

    /** Like {@link #escape} but keeps a leading {@code ~} or {@code ~/} so the remote shell expands the home directory. */
    public static String escapeKeepingTilde(String path) {
        if (path.equals("~")) return "~";
        if (path.startsWith("~/")) return "~/" + escape(path.substring(2));
        return escape(path);
    }

    /**
     * A value inside double quotes. {@code $VAR} and {@code ${VAR}} still expand (as in SSHKit's env, so
     * {@code PATH=/opt/bin:$PATH} works), but command substitution ({@code $(...)}, backticks), quotes and
     * backslashes are literal.
     */
    public static String doubleQuoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean variable = c == '$' && i + 1 < s.length() && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '_' || s.charAt(i + 1) == '{');
            if (c == '"' || c == '\\' || c == '`' || (c == '$' && !variable)) out.append('\\');
            out.append(c);
        }
        return out.append('"').toString();
    }

    /**
     * A value in single quotes: nothing in it expands ({@code $}, backticks, backslashes are literal), a quote is
     * written {@code '\''}. The form of a secret {@code with}/{@code default_env} value.
     */
    public static String singleQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean isSafe(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ',' || c == ':' || c == '+' || c == '/' || c == '@';
    }
}
