package dev.capstan.cli.imports;

import dev.capstan.cli.imports.RubyToken.Kind;

import java.util.List;

/** Rake's {@code task :name}, {@code task name: :dep do}, {@code task :name => [:a, :b] do} as {@code task('name', deps: [...]) {}. */
final class TaskForm {
    private final ExpressionTranslator ex;

    TaskForm(ExpressionTranslator ex) {
        this.ex = ex;
    }

    CallTranslator.Result translate(List<RubyToken> t) {
        int d = RubyShapes.doIndex(t);
        if (d >= 0 && d + 1 < t.size()) throw new Untranslatable("a task block with parameters (Rake task arguments are not supported by Capstan)");
        List<RubyToken> head = t.subList(1, d < 0 ? t.size() : d);
        if (!head.isEmpty() && head.get(0).isOp("(") && head.get(head.size() - 1).isOp(")")) head = head.subList(1, head.size() - 1);
        List<List<RubyToken>> parts = ExpressionTranslator.split(head);
        if (parts.isEmpty()) throw new Untranslatable("a task without a name");
        if (parts.size() > 1) throw new Untranslatable("Rake task arguments are not supported by Capstan");
        List<RubyToken> p = parts.get(0);
        String name;
        String deps = null;
        RubyToken first = p.get(0);
        if (first.kind() == Kind.LABEL) {
            name = first.text();
            deps = list(p.subList(1, p.size()));
        } else if (first.kind() == Kind.SYMBOL || first.kind() == Kind.STRING) {
            name = first.text();
            if (p.size() > 1) {
                if (!p.get(1).isOp("=>")) throw new Untranslatable("an unusual task declaration");
                deps = list(p.subList(2, p.size()));
            }
        } else {
            throw new Untranslatable("a task named by an expression");
        }
        String args = GroovyStrings.plain(name) + (deps == null ? "" : ", deps: " + deps);
        return d >= 0 ? CallTranslator.Result.block("task(" + args + ") {", List.of()) : CallTranslator.Result.line("task(" + args + ")");
    }

    private String list(List<RubyToken> deps) {
        String g = ex.translate(deps);
        return g.startsWith("[") ? g : "[" + g + "]";
    }

}
