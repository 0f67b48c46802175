package dev.capstan.cli.imports;

import dev.capstan.cli.imports.RubyToken.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Questions about a statement's tokens: does it open a block, where is its {@code do}, is there a modifier {@code if}. */
final class RubyShapes {
    static final Set<String> BLOCK_KEYWORDS = Set.of("if", "unless", "while", "until", "case", "begin", "def", "class", "module");

    private RubyShapes() {}

    /** Index of the top-level {@code do} that opens a block at the end of the statement, or -1. */
    static int doIndex(List<RubyToken> t) {
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            RubyToken k = t.get(i);
            depth += delta(k);
            if (depth == 0 && k.isWord("do") && onlyParamsAfter(t, i + 1)) return i;
        }
        return -1;
    }

    /** The names between {@code |…|} from index {@code from}. */
    static List<String> params(List<RubyToken> t, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < t.size(); i++) if (t.get(i).kind() == Kind.WORD) out.add(t.get(i).text());
        return out;
    }

    /** How many Ruby blocks this statement opens and closes (for commented regions). */
    static int opens(List<RubyToken> t) {
        int n = 0;
        if (!t.isEmpty() && t.get(0).kind() == Kind.WORD && BLOCK_KEYWORDS.contains(t.get(0).text())) n++;
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            depth += delta(t.get(i));
            if (depth == 0 && t.get(i).isWord("do")) n++;
        }
        return n;
    }

    static int ends(List<RubyToken> t) {
        int n = 0;
        for (RubyToken k : t) if (k.isWord("end")) n++;
        return n;
    }

    /** Index of a top-level modifier {@code if}/{@code unless} (not at the start), or -1. */
    static int modifierIndex(List<RubyToken> t) {
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            depth += delta(t.get(i));
            if (i > 0 && depth == 0 && (t.get(i).isWord("if") || t.get(i).isWord("unless"))) return i;
        }
        return -1;
    }

    private static boolean onlyParamsAfter(List<RubyToken> t, int from) {
        if (from >= t.size()) return true;
        if (!t.get(from).isOp("|") && !t.get(from).isOp("||")) return false;
        return t.get(t.size() - 1).isOp("|") || t.get(t.size() - 1).isOp("||");
    }

    private static int delta(RubyToken k) {
        if (k.kind() != Kind.OP) return 0;
        return switch (k.text()) { case "(", "[", "{" -> 1; case ")", "]", "}" -> -1; default -> 0; };
    }
}
