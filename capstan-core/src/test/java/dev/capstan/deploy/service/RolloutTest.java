package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolloutTest {
    private static final List<String> SIX = List.of("a", "b", "c", "d", "e", "f");

    @Test
    void groupsByNumberPercentageAndCanary() {
        assertThat(Rollout.groups(SIX, "groups", 2, 0)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"));
        assertThat(Rollout.groups(SIX, "groups", "50%", 0)).containsExactly(List.of("a", "b", "c"), List.of("d", "e", "f"));
        assertThat(Rollout.groups(SIX, "groups", "10%", 0)).hasSize(6); // rounded down, at least one host
        assertThat(Rollout.groups(SIX, "groups", 4, 1)).containsExactly(List.of("a"), List.of("b", "c", "d", "e"), List.of("f"));
        assertThat(Rollout.groups(SIX, "parallel", null, 0)).containsExactly(SIX);
        assertThat(Rollout.groups(SIX, "sequence", null, 0)).hasSize(6);
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> Rollout.groups(SIX, "groups", "0", 0)).isInstanceOf(ConfigException.class).hasMessageContaining("restart_limit");
        assertThatThrownBy(() -> Rollout.groups(SIX, "groups", "150%", 0)).hasMessageContaining("'150%'");
        assertThatThrownBy(() -> Rollout.groups(SIX, "rolling", 1, 0)).hasMessageContaining("restart_in");
    }
}
