package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.Outcome;
import org.junit.jupiter.api.Test;

class SessionBindingTest {
    private final Harness h = new Harness();

    @Test
    void refusesASessionIdOpenedByAnotherAgent() {
        CallPipeline pipeline = h.pipeline();

        CallOutcome alice = pipeline.handle(Harness.searchAs("t-alice"));
        CallOutcome bob = pipeline.handle(Harness.searchAs("t-bob"));

        assertThat(alice).isInstanceOf(CallOutcome.Completed.class);
        CallOutcome.Refused refused = (CallOutcome.Refused) bob;
        assertThat(refused.code()).isEqualTo(Refusal.DENIED);
        assertThat(refused.message()).contains("session");
        assertThat(h.docs.calls).hasSize(1);
        assertThat(h.audit.events()).extracting(AuditEvent::outcome).containsExactly(Outcome.SUCCEEDED, Outcome.DENIED);
        assertThat(h.audit.events().get(1).agentId()).isEqualTo("bob");
    }

    @Test
    void theOwnerKeepsItsSessionAfterAnIntruderWasRefused() {
        CallPipeline pipeline = h.pipeline();

        pipeline.handle(Harness.searchAs("t-alice"));
        pipeline.handle(Harness.searchAs("t-bob"));
        CallOutcome again = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(again).isInstanceOf(CallOutcome.Completed.class);
        assertThat(h.policies.requests).hasSize(2);
        assertThat(h.policies.requests.get(1).session().callCount()).isEqualTo(1);
    }
}
