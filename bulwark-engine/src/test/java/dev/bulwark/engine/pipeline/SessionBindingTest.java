package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.engine.session.SessionStore;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionFacts;
import java.util.List;
import java.util.Set;
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

    @Test
    void withholdsTheOutputWhenTheSessionCannotRecordIt() {
        SessionStore forgetful = new SessionStore() {
            @Override
            public SessionFacts current(String sessionId, Principal principal) {
                return SessionFacts.fresh(sessionId, Fakes.NOW);
            }

            @Override
            public void recordCall(String sessionId, String toolName, Set<String> labelsSeen) {
                throw new IllegalStateException("store offline");
            }
        };
        CallPipeline pipeline = StandardPipeline.builder().authenticator(h.authenticator)
                .tools(new ToolRegistry(List.of(h.docs))).policies(h.policies).sessions(forgetful)
                .auditLog(h.audit).redactor(new KeyPatternRedactor()).clock(java.time.InstantSource.fixed(Fakes.NOW)).build();

        CallOutcome outcome = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(h.docs.calls).hasSize(1);
        assertThat(h.audit.only().outcome()).isEqualTo(Outcome.FAILED);
    }
}
