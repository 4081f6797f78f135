package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.engine.session.TaskKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionBindingTest {
    private final Harness h = new Harness();

    @Test
    void twoAgentsOnOneTransportSessionKeepSeparateTasks() {
        CallPipeline pipeline = h.pipeline();

        pipeline.handle(Harness.searchAs("t-alice"));
        pipeline.handle(Harness.searchAs("t-bob"));

        assertThat(h.policies.requests).extracting(r -> r.session().id())
                .containsExactly("agent:alice", "agent:bob");
        assertThat(h.policies.requests.get(1).session().callCount()).as("bob does not see alice's calls").isZero();
    }

    @Test
    void aReconnectKeepsWhatTheTaskHasSeen() {
        CallPipeline pipeline = h.pipeline();

        pipeline.handle(Harness.searchAs("t-alice"));
        pipeline.handle(new CallRequest("t-alice", "another-mcp-session", "docs.search", Map.of("q", "x"), null));

        SessionFacts after = h.policies.requests.get(1).session();
        assertThat(after.callCount()).isEqualTo(1);
        assertThat(after.labelsSeen()).as("the label of the first call survives the new transport session")
                .contains("internal");
    }

    @Test
    void anOrdinaryAgentCannotNameAFreshTaskToShedItsLabels() {
        CallPipeline pipeline = h.pipeline();
        pipeline.handle(Harness.searchAs("t-alice"));

        CallOutcome fresh = pipeline.handle(new CallRequest("t-alice", "s-1", "docs.search", Map.of("q", "x"), null,
                "brand-new-task"));

        CallOutcome.Refused refused = (CallOutcome.Refused) fresh;
        assertThat(refused.code()).isEqualTo(Refusal.DENIED);
        assertThat(refused.message()).contains("task-starter");
        assertThat(h.docs.calls).hasSize(1);
    }

    @Test
    void aTaskStarterNamesSeparateTasks() {
        h.authenticator.accept("t-orch", Fakes.principalWithRoles("orch", Set.of(TaskKeys.TASK_STARTER)));
        CallPipeline pipeline = h.pipeline();

        pipeline.handle(new CallRequest("t-orch", "s-1", "docs.search", Map.of("q", "x"), null, "job-1"));
        pipeline.handle(new CallRequest("t-orch", "s-2", "docs.search", Map.of("q", "x"), null, "job-1"));
        pipeline.handle(new CallRequest("t-orch", "s-1", "docs.search", Map.of("q", "x"), null, "job-2"));

        assertThat(h.policies.requests).extracting(r -> r.session().id())
                .containsExactly("agent:orch|task:job-1", "agent:orch|task:job-1", "agent:orch|task:job-2");
        assertThat(h.policies.requests).extracting(r -> r.session().callCount()).containsExactly(0, 1, 0);
    }

    @Test
    void refusesMalformedTaskIds() {
        h.authenticator.accept("t-orch", Fakes.principalWithRoles("orch", Set.of(TaskKeys.TASK_STARTER)));
        CallPipeline pipeline = h.pipeline();

        for (String bad : new String[] {"", "a|task:b", "x".repeat(129), "t\u0000", "tâche"}) {
            CallOutcome outcome = pipeline.handle(new CallRequest("t-orch", "s-1", "docs.search", Map.of("q", "x"),
                    null, bad));
            assertThat(((CallOutcome.Refused) outcome).code()).as(bad).isEqualTo(Refusal.DENIED);
        }
        assertThat(h.docs.calls).isEmpty();
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

            @Override
            public java.util.Optional<dev.bulwark.spi.session.SessionExtension> extension(String id, String name) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean replaceExtension(String id, String name, long expected, byte[] data) {
                return false;
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
