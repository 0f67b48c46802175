package dev.capstan.output;

import java.util.regex.Pattern;

/** Text made safe and short for a console: remote control sequences removed, long lines cut to a width. */
final class TerminalText {
    static final String ELLIPSIS = "…";
    private static final Pattern CSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern OSC = Pattern.compile("\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)?");
    private static final Pattern OTHER_ESCAPE = Pattern.compile("\u001b[@-Z\\\\-_]?");

    private TerminalText() {}

    /**
     * A remote output line as it would end up on a terminal: colour and cursor sequences dropped, a
     * carriage-return progress line reduced to its last state, other control characters shown as U+FFFD.
     */
    static String clean(String line) {
        String s = CSI.matcher(line).replaceAll("");
        s = OSC.matcher(s).replaceAll("");
        s = OTHER_ESCAPE.matcher(s).replaceAll("");
        int cr = s.lastIndexOf('\r');
        if (cr >= 0 && cr < s.length() - 1) s = s.substring(cr + 1);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') continue;
            out.append(c < 0x20 && c != '\t' || c == 0x7f ? '\uFFFD' : c);
        }
        return out.toString();
    }

    /**
     * Cuts a line (which may hold our own colour sequences) to {@code width} visible characters, the last
     * one being {@code …}; 0 keeps it whole. Colour is reset after the cut.
     */
    static String truncate(String line, int width) {
        if (width <= 0 || visibleLength(line) <= width) return line;
        StringBuilder out = new StringBuilder();
        int visible = 0;
        boolean coloured = false;
        for (int i = 0; i < line.length(); ) {
            if (line.charAt(i) == '\u001b') {
                int end = line.indexOf('m', i);
                if (end < 0) break;
                String seq = line.substring(i, end + 1);
                coloured = !seq.equals("\u001b[0m");
                out.append(seq);
                i = end + 1;
                continue;
            }
            if (visible == width - 1) break;
            int cp = line.codePointAt(i);
            out.appendCodePoint(cp);
            i += Character.charCount(cp);
            visible++;
        }
        out.append(ELLIPSIS);
        if (coloured) out.append("\u001b[0m");
        return out.toString();
    }

    static int visibleLength(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); ) {
            if (line.charAt(i) == '\u001b') {
                int end = line.indexOf('m', i);
                i = end < 0 ? line.length() : end + 1;
                continue;
            }
            i += Character.charCount(line.codePointAt(i));
            n++;
        }
        return n;
    }
}
