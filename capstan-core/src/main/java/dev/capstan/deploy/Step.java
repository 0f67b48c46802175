package dev.capstan.deploy;

import dev.capstan.deploy.script.Script;
import dev.capstan.remote.Host;
import dev.capstan.remote.HostBlock;
import dev.capstan.task.TaskContext;

import java.util.List;
import java.util.Map;

/**
 * What one task does on a host, as a value: the script fragment it sends and what it reads back from the output.
 * A {@link Chain} joins the fragments of consecutive steps nobody hooked into into one command per host.
 *
 * @param task     the task the step belongs to
 * @param fragment its script on a host, knowing which tasks share the command (null: nothing to do there)
 * @param readBack what it takes from the command's output (null: nothing; the command is then not captured)
 * @param hosts    where the command runs, and how (the first step of a command decides)
 * @param what     what it does, in a few words, for the heading of a command it shares ({@code REVISION}), or null
 * @param options  options of the command it is part of, e.g. an {@code interaction_handler} that answers a prompt of
 *                 its fragment (a secret goes to the host on stdin, never in the script, which every {@code ps} shows)
 */
public record Step(String task, Fragment fragment, ReadBack readBack, Where hosts, String what, Map<String, ?> options) {
    public Step {
        options = Map.copyOf(options);
    }

    public Step(String task, Fragment fragment, ReadBack readBack, Where hosts, String what) {
        this(task, fragment, readBack, hosts, what, Map.of());
    }

    public Step(String task, Fragment fragment, ReadBack readBack, Where hosts) {
        this(task, fragment, readBack, hosts, null);
    }

    /** The step's script on {@code host}; {@code sameCommand} names the tasks whose fragments share the command, in order. */
    public interface Fragment {
        Script on(Host host, List<String> sameCommand);
    }

    /** Takes what the step needs from one host's output, then judges all hosts once they answered. */
    public interface ReadBack {
        void read(Host host, String stdout);

        default void finish() {}
    }

    /** Runs a block on the step's hosts. */
    public interface Where {
        void on(TaskContext ctx, HostBlock body);
    }

    /** The release hosts, all at once. */
    public static final Where RELEASE_HOSTS = (ctx, body) -> ctx.on(Hosts.release(ctx), body);

    public static Step of(String task, Fragment fragment) {
        return new Step(task, fragment, null, RELEASE_HOSTS);
    }

    public Step reading(ReadBack r) {
        return new Step(task, fragment, r, hosts, what, options);
    }

    public Step on(Where where) {
        return new Step(task, fragment, readBack, where, what, options);
    }

    public Step described(String newWhat) {
        return new Step(task, fragment, readBack, hosts, newWhat, options);
    }

    public Step with(Map<String, ?> commandOptions) {
        return new Step(task, fragment, readBack, hosts, what, commandOptions);
    }
}
