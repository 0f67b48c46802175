package dev.capstan.task;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.remote.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rake's rules: prerequisites first, once per run, additive definitions, hooks in order, cycles named. */
class TaskRunnerTest {
    private final TaskRegistry tasks = new TaskRegistry();
    private final List<String> ran = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private void run(String... names) {
        try (Coordinator c = new Coordinator(h -> new LocalBackend(), RemoteSettings.defaults(), e -> {})) {
            new TaskRunner(tasks, new Configuration(), c, t -> {}, warnings::add).runAll(List.of(names));
        }
    }

    private TaskAction record(String name) {
        return ctx -> ran.add(name);
    }

    @Test
    void prerequisitesRunFirstAndOnlyOnce() {
        tasks.define("a", null, record("a"));
        tasks.define("b", null, List.of("a"), record("b"), null);
        tasks.define("c", null, List.of("a", "b"), record("c"), null);
        run("c", "a");
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void ensuredTasksRunAtTheEndWhenNeededAfterSuccessAndFailure() {
        Configuration config = new Configuration();
        tasks.define("take", null, ctx -> {
            ran.add("take");
            ctx.config().set("held", true);
        });
        tasks.define("release", null, ctx -> {
            ran.add("release");
            ctx.config().set("held", false);
        });
        tasks.define("boom", null, List.of("take"), ctx -> {
            throw new IllegalStateException("boom");
        }, null);
        tasks.ensure("release", r -> r.config().fetchBoolean("held", false));
        try (Coordinator c = new Coordinator(h -> new LocalBackend(), RemoteSettings.defaults(), e -> {})) {
            TaskRunner runner = new TaskRunner(tasks, config, c, t -> {}, warnings::add);
            runner.runAll(List.of("take", "release"));
            assertThat(ran).as("not needed: already released").containsExactly("take", "release");
            ran.clear();
            assertThatThrownBy(() -> new TaskRunner(tasks, config, c, t -> {}, warnings::add).runAll(List.of("boom")))
                    .hasMessageContaining("boom");
            assertThat(ran).containsExactly("take", "release");
            assertThat(config.fetchBoolean("held", true)).isFalse();
        }
    }

    @Test
    void definingATaskTwiceAddsToIt() {
        tasks.define("x", "first", record("x1"));
        tasks.define("x", null, record("x2"));
        run("x");
        assertThat(ran).containsExactly("x1", "x2");
        assertThat(tasks.require("x").description()).isEqualTo("first");
    }

    @Test
    void hooksRunInDeclarationOrderAroundTheTask() {
        tasks.define("deploy", null, List.of("pre0"), record("deploy"), null);
        tasks.define("pre0", null, record("pre0"));
        tasks.define("h1", null, record("h1"));
        tasks.define("h2", null, record("h2"));
        tasks.define("p1", null, record("p1"));
        tasks.define("p2", null, record("p2"));
        tasks.before("deploy", "h1", null);
        tasks.before("deploy", "h2", null);
        tasks.after("deploy", "p1", null);
        tasks.after("deploy", "p2", null);
        run("deploy");
        assertThat(ran).containsExactly("pre0", "h1", "h2", "deploy", "p1", "p2");
    }

    @Test
    void invokeTwiceWarnsAndInvokeAgainRuns() {
        tasks.define("once", null, record("once"));
        tasks.define("main", null, ctx -> {
            ctx.invoke("once");
            ctx.invoke("once");
            ctx.invokeAgain("once");
        });
        run("main");
        assertThat(ran).containsExactly("once", "once");
        assertThat(warnings).singleElement().asString().contains("Skipping task `once'", "invoke_again('once')");
    }

    @Test
    void aCycleIsAnErrorThatNamesIt() {
        tasks.define("a", null, List.of("b"), record("a"), null);
        tasks.define("b", null, List.of("c"), record("b"), null);
        tasks.define("c", null, List.of("a"), record("c"), null);
        assertThatThrownBy(() -> run("a")).isInstanceOf(TaskException.class).hasMessage("Circular dependency detected: a => b => c => a");
    }

    @Test
    void unknownTasksAndHooksAreNamed() {
        tasks.define("deploy:restart", null, record("r"));
        assertThatThrownBy(() -> run("deploy:restat")).hasMessageContaining("Don't know how to build task 'deploy:restat'")
                .hasMessageContaining("Did you mean?  deploy:restart");
        tasks.after("deploy:restart", "notify", "config/deploy.groovy:7");
        assertThat(tasks.problems()).containsExactly("config/deploy.groovy:7: task 'deploy:restart' refers to 'notify', which is not defined");
    }

    @Test
    void aFailingActionNamesTheTask() {
        tasks.define("boom", null, ctx -> { throw new IllegalStateException("kaput"); });
        assertThatThrownBy(() -> run("boom")).isInstanceOf(TaskFailedException.class).hasMessage("boom: kaput");
    }

    /** Hung forever before: the runner's one lock was held while {@code on} waited for the host threads. */
    @Test
    @Timeout(20)
    void invokeInsideAnOnBlockRunsTheTaskOnceWhileTheCallerWaits() {
        List<Host> hosts = List.of(Host.parse("h1"), Host.parse("h2"), Host.parse("h3"));
        List<String> done = java.util.Collections.synchronizedList(new ArrayList<>());
        tasks.define("other:task", null, ctx -> done.add("other"));
        tasks.define("main", null, ctx -> ctx.on(hosts, remote -> {
            ctx.invoke("other:task");
            done.add("after " + remote.host().label());
        }));
        run("main");
        assertThat(done).hasSize(4).first().isEqualTo("other");
        assertThat(warnings).as("the two later hosts are told it was skipped, as Capistrano does").hasSize(2);
    }

    @Test
    @Timeout(20)
    void invokingTheRunningTaskFromAHostThreadIsSkippedNotADeadlock() {
        tasks.define("main", null, ctx -> ctx.on(List.of(Host.parse("h1")), remote -> ctx.invoke("main")));
        run("main");
        assertThat(warnings).singleElement().asString().contains("Skipping task `main'");
    }

    @Test
    void aCycleThroughHooksIsNamed() {
        tasks.define("a", null, record("a"));
        tasks.define("b", null, record("b"));
        tasks.after("a", "b", null);
        tasks.after("b", "a", null);
        assertThatThrownBy(() -> run("a")).isInstanceOf(TaskException.class).hasMessage("Circular dependency detected: a => b => a");
    }
}
