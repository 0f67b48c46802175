package dev.capstan.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rollback target of a fleet, from the listings the hosts print ({@code CleanupCommands.listReleases}). */
class FleetRollbackTest {
    private static ReleaseListing host(String current, String good, String unfinished, String deployed) {
        StringBuilder out = new StringBuilder();
        for (String g : good.split(" ")) if (!g.isEmpty()) out.append("release ").append(g).append('\n');
        for (String u : unfinished.split(" ")) if (!u.isEmpty()) out.append("unfinished ").append(u).append('\n');
        out.append("current ").append(current == null ? "" : "/d/releases/" + current).append('\n');
        for (String d : deployed.split(" ")) if (!d.isEmpty()) out.append("deployed ").append(d).append('\n');
        return ReleaseListing.parse(out.toString());
    }

    private static final String A = "20260101000000";
    private static final String B = "20260102000000";
    private static final String C = "20260103000000";

    @Test
    void aConsistentFleetGoesToTheReleaseBeforeCurrent() {
        FleetRollback r = FleetRollback.choose(Map.of("h1", host(C, A + " " + B + " " + C, "", ""), "h2", host(C, A + " " + B + " " + C, "", "")), null);
        assertThat(r).isEqualTo(new FleetRollback(B, C));
    }

    @Test
    void aFleetLeftMixedByALostHostComesBackToOneReleaseTheOneBeforeTheNewest() {
        // h3 never switched to C (its C is still unfinished); rolling it back too would archive its live release B
        FleetRollback r = FleetRollback.choose(Map.of(
                "h1", host(C, A + " " + B + " " + C, "", ""),
                "h2", host(C, A + " " + B + " " + C, "", ""),
                "h3", host(B, A + " " + B, C, "")), null);
        assertThat(r).isEqualTo(new FleetRollback(B, C));
    }

    @Test
    void revisionsLogOrderWinsOverNamesFromAClockBehind() {
        // C was deployed first, then A from a machine whose clock was behind: before A comes C, not nothing
        ReleaseListing l = host(A, A + " " + C, "", C + " " + A);
        assertThat(FleetRollback.choose(Map.of("h1", l), null)).isEqualTo(new FleetRollback(C, A));
    }

    @Test
    void hostsThatCannotAgreeAreRefusedWithTheTableBeforeAnythingChanges() {
        assertThatThrownBy(() -> FleetRollback.choose(Map.of(
                "h1", host(C, A + " " + B + " " + C, "", ""),
                "h2", host(C, A + " " + C, "", "")), null))
                .hasMessageContaining("the hosts on " + C + " disagree on the release before it")
                .hasMessageContaining("HOST  CURRENT         GOOD RELEASES")
                .hasMessageContaining("h2    " + C + "  " + A + " " + C);
        assertThatThrownBy(() -> FleetRollback.choose(Map.of(
                "h1", host(C, A + " " + B + " " + C, "", ""),
                "h2", host(C, A + " " + C, B, "")), B))
                .hasMessageContaining("Cannot rollback because release " + B + " is not a good release on every host")
                .hasMessageContaining("no host was changed")
                .hasMessageContaining("h1    " + C + "  has it")
                .hasMessageContaining("h2    " + C + "  has it INCOMPLETE");
        assertThatThrownBy(() -> FleetRollback.choose(Map.of("h1", host(A, A, "", "")), null))
                .hasMessageContaining("There are no older releases to rollback to (current is " + A + ")");
    }
}
