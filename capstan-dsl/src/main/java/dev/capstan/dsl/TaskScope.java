package dev.capstan.dsl;

import dev.capstan.remote.Host;
import dev.capstan.remote.HostBlock;
import dev.capstan.remote.Remote;
import dev.capstan.task.TaskContext;
import groovy.lang.Closure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The delegate of a running task body: the words that need a task ({@code on}, {@code run_locally},
 * {@code invoke}, logging). Anything else falls through to the script's {@link Dsl}.
 */
public final class TaskScope {
    private final TaskContext ctx;
    private final ScriptLocations locations;
    private final Templates templates;

    TaskScope(TaskContext ctx, ScriptLocations locations) {
        this.ctx = ctx;
        this.locations = locations;
        this.templates = new Templates(locations.root());
    }

    /** Outside {@code on}: the template rendered without a host ({@code host} is null in it). */
    public String render_template(Map<String, ?> options, String template) {
        return templates.render(template, ctx.config(), null, (Map<?, ?>) options.get("locals"));
    }

    public String render_template(String template) { return render_template(Map.of(), template); }

    /** {@code on(roles('app')) { host -> execute 'uptime' }}. */
    public void on(Object hosts, Closure<?> body) { on(Map.of(), hosts, body); }

    /** {@code on(roles('app'), in: 'groups', limit: 2, wait: 5) { ... }}. */
    public void on(Map<String, ?> options, Object hosts, Closure<?> body) {
        ctx.on(hosts(hosts), options, block(body));
    }

    public void run_locally(Closure<?> body) { ctx.runLocally(block(body)); }

    public void invoke(String task) { ctx.invoke(task); }

    /** Capistrano's {@code invoke!} (Groovy names cannot end in '!'): runs the task again. */
    public void invoke_again(String task) { ctx.invokeAgain(task); }

    public void info(Object message) { ctx.info(message); }

    public void warn(Object message) { ctx.warn(message); }

    public void error(Object message) { ctx.error(message); }

    public void debug(Object message) { ctx.debug(message); }

    public String getTask_name() { return ctx.taskName(); }

    private HostBlock block(Closure<?> body) {
        return remote -> {
            Closure<?> c = body.rehydrate(new HostScope(remote, ctx.config(), templates), body.getOwner(), body.getThisObject());
            c.setResolveStrategy(Closure.DELEGATE_FIRST);
            try {
                if (c.getMaximumNumberOfParameters() > 0) c.call(remote.host());
                else c.call();
            } catch (RuntimeException e) {
                throw ClosureAction.translate(e, locations);
            }
        };
    }

    static List<Host> hosts(Object value) {
        List<Host> out = new ArrayList<>();
        if (value instanceof Host h) out.add(h);
        else if (value instanceof Collection<?> c) for (Object o : c) out.addAll(hosts(o));
        else if (value instanceof Remote r) out.add(r.host());
        else if (value != null) out.add(Host.parse(String.valueOf(value)));
        return out;
    }
}
