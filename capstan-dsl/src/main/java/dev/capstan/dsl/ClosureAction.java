package dev.capstan.dsl;

import dev.capstan.task.TaskAction;
import dev.capstan.task.TaskContext;
import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;

/** A task body written in Groovy: runs with a {@link TaskScope} as delegate; DSL mistakes name file:line. */
final class ClosureAction implements TaskAction {
    private final Closure<?> body;
    private final Dsl dsl;

    ClosureAction(Closure<?> body, Dsl dsl) {
        this.body = body;
        this.dsl = dsl;
    }

    @Override
    public void run(TaskContext context) {
        Closure<?> c = body.rehydrate(new TaskScope(context, dsl.locations), body.getOwner(), body.getThisObject());
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        try {
            c.call();
        } catch (RuntimeException e) {
            throw translate(e, dsl.locations);
        }
    }

    /**
     * An error of the task's own code gets the file:line it happened at: Groovy's "no signature of method"
     * becomes {@code file:line: unknown DSL word 'x'}, a null dereference {@code file:line: Cannot get property
     * 'x' on null object}. Capstan's own errors (a failed command, a missing variable) pass through as they are.
     */
    static RuntimeException translate(RuntimeException e, ScriptLocations locations) {
        String loc = locations.locate(e);
        String where = loc == null ? "" : loc + ": ";
        if (e instanceof MissingMethodException m) {
            return new DslException(where + "unknown DSL word '" + m.getMethod() + "'" + args(m.getArguments()) + DslWords.hint(m.getMethod(), true), e);
        }
        if (e instanceof MissingPropertyException p) {
            String name = p.getProperty();
            return new DslException(where + "unknown name '" + name + "' (a variable is read with fetch('" + name + "'))", e);
        }
        if (loc == null || e.getClass().getName().startsWith("dev.capstan.")) return e;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DslException(where + message, e);
    }

    static String args(Object[] args) {
        if (args == null || args.length == 0) return "";
        StringBuilder sb = new StringBuilder(" (args: ");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(args[i] == null ? "null" : args[i].getClass().getSimpleName());
        }
        return sb.append(")").toString();
    }
}
