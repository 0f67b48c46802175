package dev.capstan.cli.imports;

import dev.capstan.cli.imports.RubyToken.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Ruby file to Groovy, statement by statement, keeping its comments and blank lines. A statement
 * with no clear meaning here is kept as a {@code // TODO} comment with the Ruby, and reported; a block
 * that cannot be converted is commented up to its {@code end}.
 */
final class FileTranslator {
    private final String file;
    private final ImportReport report;
    private final BlockStack blocks = new BlockStack();
    private final List<String> out = new ArrayList<>();
    private final CallTranslator calls;
    /** The indentation of the statement that opened a commented region, stripped from each of its lines. */
    private int commentIndent = -1;

    FileTranslator(String file, ImportReport report, List<String> uses) {
        this.file = file;
        this.report = report;
        this.calls = new CallTranslator(uses);
    }

    String translate(String source) {
        List<RubyStatement> all = RubyStatements.of(source);
        for (int i = 0; i < all.size(); i++) {
            if (!blocks.commenting() && HashCommandMap.START.matcher(all.get(i).text()).matches() && i + 6 < all.size()) {
                List<String> block = all.subList(i, i + 7).stream().map(RubyStatement::text).toList();
                List<String> groovy = HashCommandMap.translate(block);
                if (groovy != null) {
                    groovy.forEach(this::emit);
                    i += 6;
                    continue;
                }
            }
            statement(all.get(i));
        }
        if (blocks.depth() > 0 || blocks.commenting()) report.notConverted(file, source.split("\n", -1).length, "(end of file)", "a block is not closed with end");
        while (blocks.depth() > 0) { blocks.close(); emit("}"); }
        StringBuilder sb = new StringBuilder();
        for (String l : out) sb.append(l.stripTrailing()).append('\n');
        return sb.toString().replaceAll("\n+$", "\n");
    }

    private void statement(RubyStatement s) {
        if (blocks.commenting()) {
            List<RubyToken> t = tokensOrEmpty(s.text());
            blocks.commentedStatement(RubyShapes.opens(t), RubyShapes.ends(t));
            comment(s.rawLines());
            if (!blocks.commenting()) commentIndent = -1;
            return;
        }
        if (s.text().isBlank()) { out.add(""); return; }
        List<RubyToken> t;
        try {
            t = RubyLexer.tokens(s.text());
        } catch (Untranslatable e) {
            todo(s, e.getMessage(), List.of());
            return;
        }
        String trailing = "";
        List<RubyToken> code = new ArrayList<>();
        for (RubyToken k : t) {
            if (k.kind() == Kind.COMMENT) trailing += (trailing.isEmpty() ? "" : " ") + k.text();
            else if (k.kind() != Kind.NEWLINE) code.add(k);
        }
        if (code.isEmpty()) { emit(trailing.isEmpty() ? "//" : "// " + trailing); return; }
        String suffix = trailing.isEmpty() ? "" : "  // " + trailing;
        RubyToken first = code.get(0);
        if (first.isWord("end") && code.size() == 1) {
            if (!blocks.close()) { todo(s, "an end without an open block", code); return; }
            emit("}" + suffix);
            return;
        }
        if ((first.isWord("else") || first.isWord("elsif")) && blocks.depth() > 0) {
            try {
                String head = first.isWord("else") ? "} else {" : "} else if (" + expr(code.subList(1, code.size())) + ") {";
                blocks.close();
                emitAt(blocks.depth(), head + suffix);
                blocks.open(Set.of());
            } catch (Untranslatable e) {
                todo(s, e.getMessage(), code);
            }
            return;
        }
        try {
            CallTranslator.Result r = calls.translate(code, blocks.locals());
            if (r.comment()) { emit("// " + r.groovy() + suffix); return; }
            emit(r.groovy() + suffix);
            if (r.opensBlock()) blocks.open(Set.copyOf(r.params()));
            blocks.locals().addAll(r.newLocals());
        } catch (Untranslatable e) {
            todo(s, e.getMessage(), code);
        }
    }

    private String expr(List<RubyToken> t) {
        return new ExpressionTranslator(blocks.locals()).translate(t);
    }

    private void todo(RubyStatement s, String why, List<RubyToken> code) {
        report.notConverted(file, s.line(), s.text(), why);
        emit("// TODO capstan import: " + why);
        comment(s.rawLines());
        if (RubyShapes.opens(code) > RubyShapes.ends(code)) {
            blocks.startCommenting();
            String first = s.rawLines().get(0);
            commentIndent = first.length() - first.stripLeading().length();
        }
    }

    private void comment(List<String> raw) {
        int indent = commentIndent >= 0 ? commentIndent
                : raw.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        for (String l : raw) emit("// " + (l.length() >= indent ? l.substring(indent) : l.strip()));
    }

    private void emit(String line) { emitAt(blocks.depth(), line); }

    private void emitAt(int depth, String line) { out.add("    ".repeat(depth) + line); }

    private static List<RubyToken> tokensOrEmpty(String text) {
        try {
            return RubyLexer.tokens(text);
        } catch (Untranslatable e) {
            return List.of();
        }
    }
}
