package dev.capstan.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault harness's case list: boundaries in flow order, the lost-host spread, ids, selection, event fields. */
class FlowBoundariesTest {
    static final List<String> TASKS = List.of("deploy", "deploy:lock", "deploy:starting", "git:clone", "git:update", "deploy:publishing",
            "deploy:symlink:release", "deploy:finished");
    static final List<String> NEXT_BLOCKS = List.of("b1", "b1", "b2", "b2", "b3", "b3", "b3", "end");

    @Test
    void everyBoundaryGetsEveryFaultAndASpreadFaultOnlyTheFirstBoundaryBeforeEachBlock() {
        List<FaultCase> cases = FlowBoundaries.cases("deploy", TASKS, NEXT_BLOCKS, List.of(Fault.KILL_9, Fault.LOST_HOST), List.of(Fault.LOST_HOST));
        assertThat(cases.stream().filter(c -> c.fault() == Fault.KILL_9).map(FaultCase::task)).containsExactlyElementsOf(TASKS);
        assertThat(cases.stream().filter(c -> c.fault() == Fault.LOST_HOST).map(FaultCase::task))
                .containsExactly("deploy", "deploy:starting", "git:update", "deploy:finished");
    }

    @Test
    void aTaskStartedTwiceIsTwoBoundaries() {
        List<FaultCase> cases = FlowBoundaries.cases("rollback", List.of("a", "b", "a"), List.of("x", "y", "z"), List.of(Fault.SIGTERM), List.of());
        assertThat(cases.stream().map(FaultCase::id)).containsExactly("rollback/a/sigterm", "rollback/b/sigterm", "rollback/a#2/sigterm");
    }

    @Test
    void aSelectionMatchesWholeIdsOrTheirEnd() {
        FaultCase deploy = new FaultCase("deploy", "deploy:publishing", 1, Fault.SIGTERM);
        FaultCase rollback = new FaultCase("rollback", "deploy:publishing", 1, Fault.SIGTERM);
        FaultCase concurrent = new FaultCase("concurrent", "deploy:cleanup", 1, Fault.CONCURRENT);
        assertThat(concurrent.id()).isEqualTo("concurrent/deploy:cleanup");
        assertThat(deploy.selectedBy("")).isTrue();
        assertThat(deploy.selectedBy("deploy/deploy:publishing/sigterm")).isTrue();
        assertThat(rollback.selectedBy("deploy/deploy:publishing/sigterm")).isFalse();
        assertThat(rollback.selectedBy("x, deploy:publishing/sigterm")).isTrue();
        assertThat(deploy.selectedBy("publishing/sigterm")).as("only whole parts of an id").isFalse();
        assertThat(concurrent.selectedBy("deploy:cleanup")).isTrue();
    }

    @Test
    void eventFieldsAreReadUnescaped() {
        String line = "{\"event\":\"log\",\"at\":\"2026-12-01T20:19:47.8Z\",\"message\":\"say \\\"hi\\\" \\\\ \\u00e9\\n\",\"task\":\"deploy:lock\"}";
        assertThat(JsonEvents.is(line, "log")).isTrue();
        assertThat(JsonEvents.is(line, "task_started")).isFalse();
        assertThat(JsonEvents.field(line, "message")).isEqualTo("say \"hi\" \\ é\n");
        assertThat(JsonEvents.field(line, "task")).isEqualTo("deploy:lock");
        assertThat(JsonEvents.field(line, "host")).isNull();
    }
}
