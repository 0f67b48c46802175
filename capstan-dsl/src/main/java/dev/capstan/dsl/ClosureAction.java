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
        Closure<?> c = body.rehydrate(new TaskScope(context), body.getOwner(), body.getThisObject());
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        try {
            c.call();
        } catch (MissingMethodException e) {
            throw new DslException(where(e) + "unknown DSL word '" + e.getMethod() + "'" + args(e.getArguments()), e);
        } catch (MissingPropertyException e) {
            throw new DslException(where(e) + "unknown name '" + e.getProperty() + "' (a variable is read with fetch('"
                    + e.getProperty() + "'))", e);
        }
    }

    private String where(Throwable t) {
        String loc = dsl.locations.locate(t);
        return loc == null ? "" : loc + ": ";
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
