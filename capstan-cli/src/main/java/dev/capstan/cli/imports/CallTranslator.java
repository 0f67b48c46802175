package dev.capstan.cli.imports;

import dev.capstan.cli.imports.RubyToken.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A statement's shape: a DSL call (with or without a {@code do} block), {@code if}/{@code unless},
 * an assignment, a modifier {@code if}, SSHKit's command map, Rake's task objects, a {@code require}.
 */
final class CallTranslator {
    /** The result: Groovy text; whether it opens a block (and its parameters); names it defines; or a plain comment. */
    record Result(String groovy, boolean opensBlock, List<String> params, List<String> newLocals, boolean comment) {
        static Result line(String g) { return new Result(g, false, List.of(), List.of(), false); }
        static Result block(String g, List<String> params) { return new Result(g, true, params, List.of(), false); }
        static Result note(String text) { return new Result(text, false, List.of(), List.of(), true); }
    }

    /** Ruby DSL name → Groovy name, for calls whose arguments translate as they are. */
    private static final Map<String, String> CALLS = Map.ofEntries(Map.entry("set", "set"), Map.entry("set_if_empty", "set_if_empty"),
            Map.entry("append", "append"), Map.entry("remove", "remove"), Map.entry("delete", "delete"), Map.entry("ask", "ask"),
            Map.entry("fetch", "fetch"), Map.entry("server", "server"), Map.entry("role", "role"), Map.entry("desc", "desc"),
            Map.entry("before", "before"), Map.entry("after", "after"), Map.entry("invoke", "invoke"), Map.entry("invoke!", "invoke_again"),
            Map.entry("execute", "execute"), Map.entry("test", "test"), Map.entry("capture", "capture"), Map.entry("upload!", "upload"),
            Map.entry("upload", "upload"), Map.entry("download!", "download"), Map.entry("download", "download"), Map.entry("info", "info"),
            Map.entry("warn", "warn"), Map.entry("error", "error"), Map.entry("debug", "debug"), Map.entry("fatal", "error"),
            Map.entry("puts", "println"), Map.entry("run_locally", "run_locally"), Map.entry("on", "on"), Map.entry("within", "within"),
            Map.entry("with", "with"), Map.entry("as", "as_user"), Map.entry("namespace", "namespace"), Map.entry("secret", "secret"),
            Map.entry("clear_actions", "clear_actions"));

    private final List<String> uses;

    CallTranslator(List<String> uses) {
        this.uses = uses;
    }

    Result translate(List<RubyToken> t, Set<String> locals) {
        ExpressionTranslator ex = new ExpressionTranslator(locals);
        RubyToken first = t.get(0);
        int mod = RubyShapes.modifierIndex(t);
        if (mod > 0 && RubyShapes.doIndex(t) < 0) {
            String cond = ex.translate(t.subList(mod + 1, t.size()));
            String body = translate(t.subList(0, mod), locals).groovy();
            return Result.line("if (" + (t.get(mod).isWord("unless") ? "!(" + cond + ")" : cond) + ") { " + body + " }");
        }
        if (first.kind() == Kind.WORD && Set.of("if", "unless", "while", "until").contains(first.text())) {
            String cond = ex.translate(t.subList(1, t.size() - (t.get(t.size() - 1).isWord("then") ? 1 : 0)));
            boolean negate = first.isWord("unless") || first.isWord("until");
            String word = first.isWord("while") || first.isWord("until") ? "while" : "if";
            return Result.block(word + " (" + (negate ? "!(" + cond + ")" : cond) + ") {", List.of());
        }
        if (first.kind() == Kind.WORD && RubyShapes.BLOCK_KEYWORDS.contains(first.text())) {
            throw new Untranslatable("Ruby's " + first.text() + " is not converted: write it in Groovy");
        }
        if (first.kind() == Kind.CONSTANT) return constantStatement(t, ex);
        if (t.size() > 2 && first.kind() == Kind.WORD && t.get(1).isOp("=") && !CALLS.containsKey(first.text())) {
            String value = ex.translate(t.subList(2, t.size()));
            boolean known = locals.contains(first.text());
            return new Result((known ? "" : "def ") + first.text() + " = " + value, false, List.of(), List.of(first.text()), false);
        }
        if (first.kind() == Kind.WORD) {
            switch (first.text()) {
                case "require": return require(t);
                case "install_plugin": return Result.note("install_plugin " + rest(t) + ": the plugin is the Capfile's use");
                case "lock": return Result.note("lock " + rest(t) + ": Capistrano's version check; not needed");
                case "task": return new TaskForm(ex).translate(t);
                case "import": case "load": throw new Untranslatable("Ruby's " + first.text() + ": Capstan loads lib/capstan/tasks/*.groovy itself");
                default:
            }
            String name = CALLS.get(first.text());
            if (name != null) return call(name, t, ex);
        }
        int d = RubyShapes.doIndex(t);
        if (d > 0) return Result.block(ex.translate(t.subList(0, d)) + " {" + params(t, d), RubyShapes.params(t, d + 1));
        return Result.line(ex.translate(t));
    }

    private Result call(String name, List<RubyToken> t, ExpressionTranslator ex) {
        int d = RubyShapes.doIndex(t);
        List<RubyToken> argTokens = t.subList(1, d < 0 ? t.size() : d);
        if (argTokens.size() >= 2 && argTokens.get(0).isOp("(") && argTokens.get(argTokens.size() - 1).isOp(")")
                && ExpressionTranslator.split(argTokens.subList(1, argTokens.size() - 1)).size() >= 1 && closesAtEnd(argTokens)) {
            argTokens = argTokens.subList(1, argTokens.size() - 1);
        }
        List<List<RubyToken>> parts = ExpressionTranslator.split(argTokens);
        List<String> args = new ArrayList<>();
        for (List<RubyToken> a : parts) args.add(argument(name, a, ex));
        if ((name.equals("set") || name.equals("set_if_empty")) && args.size() >= 2 && parts.subList(1, parts.size()).stream().allMatch(CallTranslator::hashPair)) {
            // set :ssh_options, forward_agent: true -- a hash without braces is the value, not named arguments
            args = new ArrayList<>(List.of(args.get(0), "[" + String.join(", ", args.subList(1, args.size())) + "]"));
        }
        if (name.equals("invoke") || name.equals("invoke_again")) {
            if (args.size() > 1) throw new Untranslatable("Rake task arguments are not supported by Capstan");
        }
        if (name.equals("on") && !args.isEmpty() && argTokens.get(0).kind() == Kind.SYMBOL) args.set(0, "roles(" + args.get(0) + ")");
        if (name.equals("set") && args.size() == 2 && args.get(0).equals("'format'") && args.get(1).equals("'airbrussh'")) {
            args.set(1, "'concise'"); // Capstan's concise output is airbrussh's
        }
        String joined = String.join(", ", args);
        if (d >= 0) return Result.block(name + (joined.isEmpty() ? "" : "(" + joined + ")") + " {" + params(t, d), RubyShapes.params(t, d + 1));
        if (args.isEmpty()) return Result.line(name + "()");
        char c = joined.charAt(0);
        boolean command = c == '\'' || c == '"' || Character.isLetter(c);
        return Result.line(command ? name + " " + joined : name + "(" + joined + ")");
    }

    /** One argument; {@code max:} of an {@code on} block is Capistrano's old name for {@code limit:}. */
    private static String argument(String call, List<RubyToken> a, ExpressionTranslator ex) {
        if (call.equals("on") && !a.isEmpty() && a.get(0).kind() == Kind.LABEL && !Set.of("in", "limit", "max", "wait").contains(a.get(0).text())) {
            throw new Untranslatable("on's option " + a.get(0).text() + ": has no Capstan form (in:, limit:, wait: have)");
        }
        if (call.equals("on") && !a.isEmpty() && a.get(0).is(Kind.LABEL, "max")) {
            List<RubyToken> renamed = new ArrayList<>(a);
            renamed.set(0, RubyToken.of(Kind.LABEL, "limit"));
            return ex.translate(renamed);
        }
        return ex.translate(a);
    }

    private Result constantStatement(List<RubyToken> t, ExpressionTranslator ex) {
        String text = joined(t);
        if (text.startsWith("SSHKit.config.command_map[") || text.startsWith("SSHKit.config.command_map.prefix[")) {
            List<RubyToken> rest = new ArrayList<>(t.subList(4, t.size()));
            rest.set(0, RubyToken.of(Kind.WORD, "command_map"));
            return Result.line(new ExpressionTranslator(Set.of("command_map")).translate(rest));
        }
        if (text.startsWith("Rake::Task[") && t.size() == 8 && t.get(5).isOp("]") && t.get(6).isOp(".")) {
            String task = ex.translate(t.subList(4, 5));
            switch (t.get(7).text()) {
                case "invoke": return Result.line("invoke " + task);
                case "invoke!": case "reenable": throw new Untranslatable("Rake's " + t.get(7).text() + ": run it again with invoke_again " + task);
                case "clear_actions": return Result.line("clear_actions " + task);
                case "clear": return Result.line("clear " + task);
                default: throw new Untranslatable("Rake::Task#" + t.get(7).text() + " has no Capstan form");
            }
        }
        if (text.startsWith("SSHKit.config.command_map=Hash.new")) {
            throw new Untranslatable("a command map computed for every command name (Hash.new block): name the commands instead, "
                    + "set 'command_map', [rake: '/usr/bin/env bundle exec rake', ...] or command_map.prefix['rake'].push('bundle exec')");
        }
        if (text.startsWith("Dir.glob(") && text.contains("import")) {
            return Result.note("Capstan loads lib/capstan/tasks/*.groovy itself");
        }
        throw new Untranslatable("Ruby code (" + t.get(0).text() + "…) has no Capstan equivalent");
    }

    private Result require(List<RubyToken> t) {
        if (t.size() != 2 || t.get(1).kind() != Kind.STRING) throw new Untranslatable("a require that is not a plain string");
        String lib = t.get(1).text();
        String plugin = lib.startsWith("capistrano/") ? lib.substring("capistrano/".length()) : null;
        if ("setup".equals(plugin)) return Result.note("require 'capistrano/setup': stages are read from config/deploy/ by Capstan");
        if ("framework".equals(plugin)) return Result.note("require 'capistrano/framework': part of use 'deploy'");
        if (plugin != null && dev.capstan.plugin.Plugins.find(plugin).isPresent()) {
            uses.add(plugin);
            return Result.line("use '" + plugin + "'");
        }
        throw new Untranslatable(plugin == null ? "a Ruby library; Capstan has no equivalent plugin"
                : "no Capstan plugin '" + plugin + "' (available: " + String.join(", ", dev.capstan.plugin.Plugins.names()) + ")");
    }

    private static boolean hashPair(List<RubyToken> part) {
        return !part.isEmpty() && (part.get(0).kind() == Kind.LABEL || part.size() > 1 && part.get(1).isOp("=>"));
    }

    private static String params(List<RubyToken> t, int d) {
        List<String> p = RubyShapes.params(t, d + 1);
        return p.isEmpty() ? "" : " " + String.join(", ", p) + " ->";
    }

    private static boolean closesAtEnd(List<RubyToken> a) {
        int depth = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isOp("(")) depth++;
            if (a.get(i).isOp(")") && --depth == 0 && i < a.size() - 1) return false;
        }
        return true;
    }

    private static String joined(List<RubyToken> t) {
        StringBuilder sb = new StringBuilder();
        for (RubyToken k : t) sb.append(k.text());
        return sb.toString();
    }

    private static String rest(List<RubyToken> t) {
        StringBuilder sb = new StringBuilder();
        for (RubyToken k : t.subList(1, t.size())) {
            sb.append(k.kind() == Kind.STRING ? "'" + k.text() + "'" : k.text());
            if (k.isOp(",")) sb.append(' ');
        }
        return sb.toString();
    }
}
