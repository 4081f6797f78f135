package dev.bulwark.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerUserBaselineTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static CallEvent call(int i, String agent, String user, String tool) {
        return new CallEvent(T0.plusSeconds(30L * i), agent, user, "s", tool, null, CallEvent.Outcome.ALLOWED,
                Set.of(), 1000, -1, false, null);
    }

    @Test
    void aUsersBaselineFollowsThemAcrossAgents() {
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults(), InstantSource.fixed(
                T0.plusSeconds(1_000_000)));
        for (int i = 0; i < 300; i++) {
            assertThat(detector.observe(call(i, "helper-1", "alice", "crm.get_customer"))).isEmpty();
        }
        // a fresh agent acting for alice has no baseline of its own, but alice has one
        List<Anomaly> found = detector.observe(call(300, "helper-2", "alice", "vault.read"));
        assertThat(found).extracting(Anomaly::principal).containsExactly("user:alice");
        assertThat(found.get(0).kind()).isEqualTo(AnomalyKind.FIRST_USE);
        assertThat(found.get(0).agentId()).isEqualTo("helper-2");
        assertThat(detector.principals()).isEqualTo(3);
    }
}
