package dev.capstan.deploy.script;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell script as a value: {@link Line}s (shell text and quoted words) joined with {@code &&}, {@code ;} or a
 * newline, and groups ({@code { …; }}, subshells). It renders to the exact text a host receives
 * ({@link #render}), to that text with secret words shown as {@code [REDACTED]} ({@link #shown}), and to a
 * multi-line layout for people ({@link #layout}). Pure: every builder of the deploy is tested as exact strings.
 */
public sealed interface Script permits Line, Script.Seq, Script.Group {
    /** The exact text sent to the host. */
    String render();

    /** {@link #render} with secret words shown as {@code [REDACTED]}. */
    String shown();

    /** {@link #shown} laid out on several lines: one step a line, groups indented. */
    String layout();

    /** A command line of shell text, written as it is (quote values with {@link Line#word}). */
    static Line line(String text) {
        return new Line(List.of()).text(text);
    }

    /** This, then {@code next} only if this succeeded. */
    default Script and(Script next) { return Seq.join(this, Join.AND, next); }

    /** This, then {@code next} whatever this did. */
    default Script then(Script next) { return Seq.join(this, Join.THEN, next); }

    /** This, then {@code next} on a new line of the script. */
    default Script nl(Script next) { return Seq.join(this, Join.NEWLINE, next); }

    /** {@code { this; }}: one command in the current shell (so {@code cd}, {@code exit} and redirections cover it all). */
    default Group braces() { return new Group("{ ", this, "; }", ""); }

    /** {@code {\nthis\n}}: a group for a script of several lines. */
    default Group block() { return new Group("{\n", this, "\n}", ""); }

    /** {@code (this)}: a subshell, so an {@code exit} or {@code cd} inside ends there. */
    default Group subshell() { return new Group("(", this, ")", ""); }

    /** {@code (\nthis\n)}: a subshell for a script of several lines. */
    default Group subshellBlock() { return new Group("(\n", this, "\n)", ""); }

    /** How two steps are joined: as sent, and how a layout ends the first one's line. */
    enum Join {
        AND(" && ", " &&"), THEN("; ", ";"), NEWLINE("\n", "");

        final String sent;
        final String lineEnd;

        Join(String sent, String lineEnd) {
            this.sent = sent;
            this.lineEnd = lineEnd;
        }
    }

    /** Steps joined one after another; {@code joins.get(i)} stands between step i and i + 1. */
    record Seq(List<Script> steps, List<Join> joins) implements Script {
        public Seq {
            steps = List.copyOf(steps);
            joins = List.copyOf(joins);
            if (steps.size() != joins.size() + 1) throw new IllegalArgumentException("one join between each two steps");
        }

        static Seq join(Script a, Join j, Script b) {
            List<Script> steps = new ArrayList<>();
            List<Join> joins = new ArrayList<>();
            add(a, steps, joins);
            joins.add(j);
            add(b, steps, joins);
            return new Seq(steps, joins);
        }

        private static void add(Script s, List<Script> steps, List<Join> joins) {
            if (s instanceof Seq q) {
                steps.addAll(q.steps);
                joins.addAll(q.joins);
            } else {
                steps.add(s);
            }
        }

        @Override public String render() { return joined(false); }

        @Override public String shown() { return joined(true); }

        private String joined(boolean shown) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < steps.size(); i++) {
                if (i > 0) sb.append(joins.get(i - 1).sent);
                sb.append(shown ? steps.get(i).shown() : steps.get(i).render());
            }
            return sb.toString();
        }

        @Override
        public String layout() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < steps.size(); i++) {
                if (i > 0) sb.append(joins.get(i - 1).lineEnd).append('\n');
                sb.append(steps.get(i).layout());
            }
            return sb.toString();
        }
    }

    /** {@code open + inner + close + suffix}, e.g. {@code { a; b; } >&2}. */
    record Group(String open, Script inner, String close, String suffix) implements Script {
        /** The same group with its output redirected, e.g. {@code >&2}. */
        public Group redirect(String redirection) {
            return new Group(open, inner, close, suffix + " " + redirection);
        }

        @Override public String render() { return open + inner.render() + close + suffix; }

        @Override public String shown() { return open + inner.shown() + close + suffix; }

        @Override
        public String layout() {
            String closing = close.replace(";", "").strip();
            return open.strip() + "\n" + inner.layout().indent(2).stripTrailing() + "\n" + closing + suffix;
        }
    }
}
