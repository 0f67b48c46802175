package dev.capstan.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {
    private final TaskRegistry tasks = new TaskRegistry();

    @Test
    void definingTwiceAddsActionsPrerequisitesAndLocations() {
        tasks.define("deploy:check", "Check", List.of("a"), ctx -> {}, "config/deploy.groovy:3");
        tasks.define("deploy:check", null, List.of("b", "a"), ctx -> {}, "lib/capstan/tasks/x.groovy:1");
        Task t = tasks.require("deploy:check");
        assertThat(t.description()).isEqualTo("Check");
        assertThat(t.prerequisites()).containsExactly("a", "b");
        assertThat(t.actions()).hasSize(2);
        assertThat(t.locations()).containsExactly("config/deploy.groovy:3", "lib/capstan/tasks/x.groovy:1");
    }

    @Test
    void aHookTargetAloneIsNotATask() {
        tasks.before("deploy:starting", "my:check", "Capfile:2");
        assertThat(tasks.find("deploy:starting")).isEmpty();
        assertThat(tasks.all()).isEmpty();
        assertThat(tasks.problems()).anySatisfy(p -> assertThat(p).startsWith("Capfile:2: ").contains("'my:check'"));
        assertThat(tasks.problems()).anySatisfy(p -> assertThat(p).contains("hook on 'deploy:starting'"));
    }

    @Test
    void unknownNamesSuggestTheNearest() {
        tasks.define("deploy:restart", "Restart", ctx -> {});
        tasks.define("deploy:check", "Check", ctx -> {});
        assertThatThrownBy(() -> tasks.require("deploy:restrat"))
                .hasMessageContaining("Don't know how to build task 'deploy:restrat'")
                .hasMessageContaining("Did you mean?  deploy:restart");
    }

    @Test
    void invalidNamesAreRejected() {
        assertThatThrownBy(() -> tasks.define("deploy::x", null, ctx -> {})).hasMessageContaining("invalid task name");
        assertThatThrownBy(() -> tasks.define("a b", null, ctx -> {})).hasMessageContaining("invalid task name");
    }

    @Test
    void clearAndClearActions() {
        tasks.define("b", null, ctx -> {});
        tasks.define("a", "A", List.of("b"), ctx -> {}, null);
        tasks.clearActions("a");
        assertThat(tasks.require("a").actions()).isEmpty();
        assertThat(tasks.require("a").prerequisites()).containsExactly("b");
        tasks.clear("a");
        assertThat(tasks.require("a").prerequisites()).isEmpty();
        assertThat(tasks.require("a").description()).isNull();
    }

    @Test
    void allIsSortedByName() {
        tasks.define("z", null, ctx -> {});
        tasks.define("a:b", null, ctx -> {});
        assertThat(tasks.all()).extracting(Task::name).containsExactly("a:b", "z");
    }
}
