package dev.capstan.deploy;

import dev.capstan.deploy.script.Script;
import dev.capstan.remote.Host;
import dev.capstan.remote.HostBlock;
import dev.capstan.task.TaskContext;

import java.util.List;

/**
 * What one task does on a host, as a value: the script fragment it sends and what it reads back from the output.
 * A {@link Chain} joins the fragments of consecutive steps nobody hooked into into one command per host.
 *
 * @param task     the task the step belongs to
 * @param fragment its script on a host, knowing which tasks share the command (null: nothing to do there)
 * @param readBack what it takes from the command's output (null: nothing; the command is then not captured)
 * @param hosts    where the command runs, and how (the first step of a command decides)
 * @param what     what it does, in a few words, for the heading of a command it shares ({@code REVISION}), or null
 */
public record Step(String task, Fragment fragment, ReadBack readBack, Where hosts, String what) {
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
        return new Step(task, fragment, r, hosts, what);
    }

    public Step on(Where where) {
        return new Step(task, fragment, readBack, where, what);
    }

    public Step described(String newWhat) {
        return new Step(task, fragment, readBack, hosts, newWhat);
    }
}
