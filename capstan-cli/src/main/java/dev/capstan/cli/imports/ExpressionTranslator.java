package dev.capstan.cli.imports;

import dev.capstan.cli.imports.RubyToken.Kind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ruby expressions of deploy files as Groovy: literals, symbols, hashes, arrays, lambdas and blocks,
 * {@code ENV}, the DSL's functions, locals in scope and a table of common methods. Anything else raises
 * {@link Untranslatable} naming it, so no statement is converted to something that means otherwise.
 */
final class ExpressionTranslator {
    /** Bare words that are functions or values of the DSL (Capistrano's and SSHKit's, with the same meaning here). */
    static final Set<String> FUNCTIONS = Set.of("fetch", "roles", "release_roles", "primary", "test", "capture", "execute",
            "release_path", "current_path", "shared_path", "releases_path", "deploy_to", "deploy_path", "repo_path", "env");

    private final Set<String> locals;

    ExpressionTranslator(Set<String> locals) {
        this.locals = locals;
    }

    String translate(String ruby) {
        return translate(RubyLexer.tokens(ruby));
    }

    String translate(List<RubyToken> tokens) {
        return new Walk(tokens, locals).all();
    }

    /** Top-level comma-separated parts of a token list. */
    static List<List<RubyToken>> split(List<RubyToken> tokens) {
        List<List<RubyToken>> out = new ArrayList<>();
        List<RubyToken> cur = new ArrayList<>();
        int depth = 0;
        for (RubyToken t : tokens) {
            if (t.kind() == Kind.OP && (t.text().equals("(") || t.text().equals("[") || t.text().equals("{"))) depth++;
            if (t.kind() == Kind.OP && (t.text().equals(")") || t.text().equals("]") || t.text().equals("}"))) depth--;
            if (depth == 0 && t.isOp(",")) {
                out.add(cur);
                cur = new ArrayList<>();
            } else if (t.kind() != Kind.NEWLINE && t.kind() != Kind.COMMENT) cur.add(t);
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }

    /** One pass over a token list; nested groups are walked recursively. */
    private final class Walk {
        private final List<RubyToken> t;
        private final Set<String> scope;
        private int i;

        Walk(List<RubyToken> tokens, Set<String> scope) {
            this.t = tokens;
            this.scope = scope;
        }

        String all() {
            StringBuilder out = new StringBuilder();
            while (i < t.size()) {
                String piece = next(out);
                if (piece.isEmpty()) continue;
                if (out.length() > 0 && needsSpace(out.charAt(out.length() - 1), piece)) out.append(' ');
                out.append(piece);
            }
            return out.toString().strip();
        }

        private String next(StringBuilder before) {
            RubyToken k = t.get(i++);
            switch (k.kind()) {
                case STRING: return k.interpolating() ? GroovyStrings.interpolating(k.text(), e -> new ExpressionTranslator(scope).translate(e)) : GroovyStrings.plain(k.text());
                case COMMAND: // `git rev-parse HEAD`: a shell command on this machine, its output (as Ruby's backticks)
                    return "['sh', '-c', " + GroovyStrings.interpolating(k.text(), e -> new ExpressionTranslator(scope).translate(e)) + "].execute().text";
                case SYMBOL:
                    if (peek("=>")) { i++; return label(k.text()); }
                    return GroovyStrings.plain(k.text());
                case WORDS: return words(k.words());
                case NUMBER: return k.text();
                case LABEL: return label(k.text());
                case NEWLINE: return "";
                case COMMENT: return "";
                case CONSTANT: return constant(k.text());
                case WORD: return word(k.text());
                default: return op(k.text(), before);
            }
        }

        private String word(String w) {
            switch (w) {
                case "nil": return "null";
                case "true": case "false": return w;
                case "and": return "&&";
                case "or": return "||";
                case "not": return "!";
                case "lambda": case "proc":
                    if (!peek("{")) throw new Untranslatable("a " + w + " without { }");
                    i++;
                    return closure(List.of());
                default:
            }
            if (w.equals("any?")) return "any" + args();
            if (w.equals("sprintf") || w.equals("format")) return "String.format" + args();
            if (w.equals("sh") || w.equals("system")) throw new Untranslatable("Ruby's " + w + " runs a command on this machine: use run_locally { execute ... }");
            if (scope.contains(w)) return w;
            if (FUNCTIONS.contains(w)) {
                if (peek("(")) return w + args();
                if (i < t.size() && operand(t.get(i))) {
                    // `primary :db`: a call without parentheses takes the rest of the expression as arguments
                    String rest = new Walk(t.subList(i, t.size()), scope).all();
                    i = t.size();
                    return w + "(" + rest + ")";
                }
                return w;
            }
            throw new Untranslatable("unknown name '" + w + "' (not a DSL word or a local variable)");
        }

        private String constant(String c) {
            if (c.equals("ENV")) {
                if (peek("[")) {
                    i++;
                    return "env(" + group("]") + ")";
                }
                if (peek(".") && i + 1 < t.size() && t.get(i + 1).isWord("fetch")) {
                    i += 2;
                    return "env" + args();
                }
            }
            if (c.equals("StringIO") && peek(".") && i + 1 < t.size() && t.get(i + 1).isWord("new")) {
                i += 2;
                return "new ByteArrayInputStream(" + strip(args()) + ".getBytes('UTF-8'))";
            }
            if (c.equals("File") && peek(".") && i + 1 < t.size() && t.get(i + 1).isWord("join")) {
                i += 2;
                return "[" + strip(args()) + "].join('/')";
            }
            throw new Untranslatable("Ruby's " + c + " has no Capstan equivalent here");
        }

        private String op(String o, StringBuilder before) {
            switch (o) {
                case "(": return "(" + group(")") + ")";
                case "[": {
                    String inner = group("]");
                    return "[" + inner + "]";
                }
                case "{": {
                    char last = lastChar(before);
                    if (last == ')' || Character.isLetterOrDigit(last) || last == '_') return block();
                    return hash();
                }
                case "->": {
                    List<String> params = new ArrayList<>();
                    if (peek("(")) {
                        i++;
                        while (i < t.size() && !t.get(i).isOp(")")) { if (t.get(i).kind() == Kind.WORD) params.add(t.get(i).text()); i++; }
                        i++;
                    }
                    if (!peek("{")) throw new Untranslatable("a lambda without { }");
                    i++;
                    return closure(params);
                }
                case ".": case "&.": {
                    if (i >= t.size() || t.get(i).kind() != Kind.WORD && t.get(i).kind() != Kind.LABEL) throw new Untranslatable("a method call");
                    String m = t.get(i++).text();
                    return method(o.equals("&.") ? "?." : ".", m, before);
                }
                case "..": throw new Untranslatable("a Ruby range");
                case "::": throw new Untranslatable("a Ruby constant path (::)");
                case "|": throw new Untranslatable("'|' outside a block's parameters");
                case "=>": return ":";
                case ";": return ";";
                default: return o;
            }
        }

        private String method(String dot, String m, StringBuilder before) {
            if (m.equals("properties") && peek(".") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.WORD) {
                i++;
                return dot + "fetch('" + t.get(i++).text() + "')";
            }
            if (i >= t.size() && RubyMethods.takesBlockOnly(m)) return dot + RubyMethods.withArguments(m); // a do block follows
            if (m.equals("push") && peek("(") && !before.toString().contains("command_map.prefix")) {
                // Ruby's push appends (Groovy's prepends): fetch(:linked_files, []).push('x') is a list plus the items
                i++;
                return dot + "plus([" + group(")") + "])";
            }
            if (peek("(") || peek("{")) {
                String g = RubyMethods.withArguments(m);
                if (peek("{")) { i++; return dot + g + " " + block(); }
                return dot + g + args();
            }
            String g = RubyMethods.withoutArguments(m);
            return g.isEmpty() ? "" : dot.equals("?.") ? "?" + g : g;
        }

        /** {@code (a, b)} after a name: the arguments, translated; a trailing block follows as a closure. */
        private String args() {
            if (!peek("(")) return "()";
            i++;
            String inside = group(")");
            String out = "(" + inside + ")";
            if (peek("{")) { i++; out += " " + block(); }
            return out;
        }

        private String group(String close) {
            int depth = 0;
            int start = i;
            for (; i < t.size(); i++) {
                RubyToken k = t.get(i);
                if (k.kind() == Kind.OP && (k.text().equals("(") || k.text().equals("[") || k.text().equals("{"))) depth++;
                if (k.kind() == Kind.OP && (k.text().equals(")") || k.text().equals("]") || k.text().equals("}"))) {
                    if (depth == 0) {
                        if (!k.text().equals(close)) throw new Untranslatable("unbalanced brackets");
                        String s = new Walk(t.subList(start, i), scope).all();
                        i++;
                        return s;
                    }
                    depth--;
                }
            }
            throw new Untranslatable("unbalanced brackets");
        }

        private String hash() {
            String inner = group("}");
            return inner.isEmpty() ? "[:]" : "[" + inner + "]";
        }

        private String block() {
            List<String> params = new ArrayList<>();
            if (peek("|")) {
                i++;
                while (i < t.size() && !t.get(i).isOp("|")) { if (t.get(i).kind() == Kind.WORD) params.add(t.get(i).text()); i++; }
                i++;
            }
            return closure(params);
        }

        private String closure(List<String> params) {
            Set<String> inner = new HashSet<>(scope);
            inner.addAll(params);
            int save = i;
            Walk w = new Walk(t, inner);
            w.i = save;
            String body = w.groupFrom("}");
            i = w.i;
            return "{ " + (params.isEmpty() ? "" : String.join(", ", params) + " -> ") + body + " }";
        }

        private String groupFrom(String close) { return group(close); }

        private String words(List<String> ws) {
            List<String> q = new ArrayList<>();
            for (String w : ws) q.add(GroovyStrings.plain(w));
            return "[" + String.join(", ", q) + "]";
        }

        private boolean operand(RubyToken k) {
            return k.kind() == Kind.STRING || k.kind() == Kind.SYMBOL || k.kind() == Kind.WORDS || k.kind() == Kind.NUMBER;
        }

        private boolean peek(String op) {
            return i < t.size() && t.get(i).isOp(op);
        }
    }

    private static String label(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name + ":" : GroovyStrings.plain(name) + ":";
    }

    private static String strip(String args) {
        return args.substring(1, args.length() - 1);
    }

    private static char lastChar(StringBuilder sb) {
        for (int i = sb.length() - 1; i >= 0; i--) if (!Character.isWhitespace(sb.charAt(i))) return sb.charAt(i);
        return 0;
    }

    private static boolean needsSpace(char last, String piece) {
        char first = piece.charAt(0);
        if (piece.startsWith(".") || piece.startsWith("?.") || first == ',' || first == ')' || first == ']' || first == ':' && piece.length() == 1) return false;
        if (first == '(' && (Character.isLetterOrDigit(last) || last == '_')) return false;
        if (first == '[' && (Character.isLetterOrDigit(last) || last == ')' || last == ']')) return false;
        return last != '(' && last != '[' && last != '!';
    }
}
