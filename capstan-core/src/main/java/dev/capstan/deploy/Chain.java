package dev.capstan.deploy;

import dev.capstan.deploy.script.Script;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consecutive tasks of the flow, in the order they run. A task's work may be done by an earlier task's command
 * on the same host only when nothing runs in between: every task from there to it is plain (exactly as its recipe
 * declared it: {@link TaskRegistry#isPlain}). That is the one place the deploy decides what to fold; a hook
 * splits a chain at the task it is hooked on, and only there.
 *
 * @param name  what the chain is, the heading of a command that does several of its tasks ({@code updating})
 * @param flow  the flow the chain belongs to ({@code deploy} or {@code deploy:rollback}; null: any): a task
 *              run on its own folds nothing
 * @param links the tasks, in running order; a link without a {@link Step} ({@link Link#joint}) only has to be
 *              plain to be crossed
 */
public record Chain(String name, String flow, List<Link> links) {
    /** A task of the chain as its recipe declares it, and its step (null for a flow task that only connects). */
    public record Link(String task, List<String> prerequisites, List<String> afterHooks, Step step) {
        public static Link step(Step step, String... prerequisites) {
            return new Link(step.task(), List.of(prerequisites), List.of(), step);
        }

        public static Link joint(String task, List<String> prerequisites, List<String> afterHooks) {
            return new Link(task, prerequisites, afterHooks, null);
        }

        public static Link task(String task, String... prerequisites) {
            return new Link(task, List.of(prerequisites), List.of(), null);
        }

        /** A flow task whose body runs the following links; its own after-hooks run only after them. */
        public static Link enclosing(String task, String... prerequisites) {
            return new Link(task, List.of(prerequisites), null, null);
        }
    }

    public Chain {
        links = List.copyOf(links);
    }

    /**
     * The tasks whose work {@code task}'s command does, {@code task} first: it, then each following task as long as
     * nothing is hooked in between. Only {@code task} itself outside the chain's flow.
     */
    public List<Link> sameCommand(TaskContext ctx, String task) {
        int i = indexOf(task);
        List<Link> out = new ArrayList<>(List.of(links.get(i)));
        if (flow != null && !RunState.inFlow(ctx, flow)) return out;
        TaskRegistry r = ctx.runner().registry();
        Link from = links.get(i);
        if (!r.find(from.task()).map(t -> from.afterHooks() == null || t.afterHooks().equals(from.afterHooks())).orElse(false)) return out;
        for (int k = i + 1; k < links.size(); k++) {
            Link l = links.get(k);
            // a hook before the task keeps it out; a hook after it keeps out what follows
            if (!r.isPlain(l.task(), l.prerequisites(), null)) break;
            out.add(l);
            if (!r.isPlain(l.task(), l.prerequisites(), l.afterHooks())) break;
        }
        return out;
    }

    /** True when {@code later}'s work is done by {@code task}'s command. */
    public boolean folds(TaskContext ctx, String task, String later) {
        return sameCommand(ctx, task).stream().anyMatch(l -> l.task().equals(later));
    }

    /**
     * Runs {@code task}'s step: unless an earlier command did its work already, one command per host made of its
     * fragment and those of the following steps nobody hooked into (they then find their work done).
     */
    public void run(TaskContext ctx, String task) {
        if (RunState.alreadyDone(ctx, task)) return;
        List<Step> steps = new ArrayList<>();
        for (Link l : sameCommand(ctx, task)) if (l.step() != null) steps.add(l.step());
        List<String> names = steps.stream().map(Step::task).toList();
        for (String later : names.subList(1, names.size())) RunState.markDone(ctx, later, task);
        boolean reads = steps.stream().anyMatch(s -> s.readBack() != null);
        steps.get(0).hosts().on(ctx, r -> {
            Script script = null;
            for (Step s : steps) {
                Script f = s.fragment().on(r.host(), names);
                if (f != null) script = script == null ? f : script.and(f);
            }
            if (script == null) return;
            Map<String, Object> options = new java.util.HashMap<>(shownAs(title(steps), script));
            for (Step s : steps) options.putAll(s.options());
            if (!reads) {
                r.execute(options, script.render());
                return;
            }
            options.put("verbosity", "INFO");
            String out = r.capture(options, script.render());
            for (Step s : steps) if (s.readBack() != null) s.readBack().read(r.host(), out);
        });
        for (Step s : steps) if (s.readBack() != null) s.readBack().finish();
    }

    /** The heading of a command that does several steps: the chain's name, what each does, the tasks it covers. */
    private String title(List<Step> steps) {
        if (steps.size() < 2) return null;
        return heading(name, steps.stream().map(Step::what).filter(w -> w != null).toList(), steps.stream().map(Step::task).toList());
    }

    /** {@code updating  mirror fetch · release 20261201184157 · REVISION  (git:clone, git:update, …)}. */
    static String heading(String name, List<String> whats, List<String> tasks) {
        return name + "  " + String.join(" · ", whats) + "  (" + String.join(", ", tasks) + ")";
    }

    /** The options that show {@code script} under {@code title} with its layout (none for a command of one step). */
    static Map<String, Object> shownAs(String title, Script script) {
        return title == null ? Map.of() : Map.of("title", title, "layout", script.layout());
    }

    private int indexOf(String task) {
        for (int i = 0; i < links.size(); i++) if (links.get(i).task().equals(task)) return i;
        throw new IllegalArgumentException(task + " is not in the chain of " + flow);
    }
}
