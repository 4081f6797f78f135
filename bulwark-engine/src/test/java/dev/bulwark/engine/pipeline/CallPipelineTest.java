package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.Obligation;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallPipelineTest {
    private final Harness h = new Harness();

    @Test
    void completesAnAllowedCallAndAuditsItAsSucceeded() {
        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        CallOutcome.Completed done = (CallOutcome.Completed) outcome;
        assertThat(done.result().joinedText()).isEqualTo("ok:{q=quarterly report}");
        assertThat(done.decision().policyIds()).containsExactly("permit-all");
        assertThat(h.docs.calls).singleElement().satisfies(call -> {
            assertThat(call.callId()).isEqualTo(done.callId());
            assertThat(call.principal().agent().id()).isEqualTo("alice");
            assertThat(call.sessionId()).isEqualTo("s-1");
        });

        AuditEvent event = h.audit.only();
        assertThat(event.type()).isEqualTo(AuditEventType.TOOL_CALL);
        assertThat(event.action()).isEqualTo("docs.search");
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(event.agentId()).isEqualTo("alice");
        assertThat(event.userId()).isNull();
        assertThat(event.sessionId()).isEqualTo("s-1");
        assertThat(event.time()).isEqualTo(Fakes.NOW);
        assertThat(event.reason()).isEqualTo("ALLOWED permit-all");
        assertThat(event.details()).containsEntry("callId", done.callId())
                .containsEntry("arguments", Map.of("q", "quarterly report"))
                .containsEntry("policyIds", List.of("permit-all"))
                .containsEntry("obligations", List.of())
                .containsEntry("resultBytes", (long) "ok:{q=quarterly report}".length())
                .containsEntry("labels", List.of("internal"))
                .containsKey("latencyMicros");
        assertThat((Long) event.details().get("latencyMicros")).isNotNegative();
    }

    @Test
    void refusesAMissingCredentialWithTheAuthenticatorsReason() {
        CallOutcome outcome = h.pipeline().handle(Harness.searchAs(null));

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(Refusal.UNAUTHENTICATED);
            assertThat(r.authenticationReason()).contains(Authentication.Reason.MISSING);
            assertThat(r.message()).contains("MISSING");
        });
        AuditEvent event = h.audit.only();
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.agentId()).isNull();
        assertThat(event.reason()).isEqualTo("UNAUTHENTICATED MISSING");
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void refusesABadCredentialAndNeverRecordsIt() {
        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("forged-token-value"));

        assertThat(((CallOutcome.Refused) outcome).authenticationReason()).contains(Authentication.Reason.BAD_SIGNATURE);
        assertThat(h.audit.only().toString()).doesNotContain("forged-token-value");
    }

    @Test
    void refusesASuspendedAgentEvenWhenTheAuthenticatorAcceptsIt() {
        h.authenticator.accept("t-eve", Fakes.principal("eve", null, AgentStatus.SUSPENDED));

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-eve"));

        assertThat(((CallOutcome.Refused) outcome).authenticationReason())
                .contains(Authentication.Reason.AGENT_SUSPENDED);
        assertThat(h.audit.only().agentId()).isEqualTo("eve");
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void refusesAnUnknownToolAndRecordsItsWellFormedName() {
        CallOutcome outcome = h.pipeline().handle(Harness.request("t-alice", "docs.delete", Map.of()));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.UNKNOWN_TOOL);
        AuditEvent event = h.audit.only();
        assertThat(event.action()).isEqualTo("docs.delete");
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.agentId()).isEqualTo("alice");
    }

    @Test
    void recordsAGarbageToolNameAsUnknownAndShowsItSanitized() {
        String garbage = "\u0000drop\ntable " + "x".repeat(10_000);

        CallOutcome outcome = h.pipeline().handle(Harness.request("t-alice", garbage, Map.of()));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.UNKNOWN_TOOL);
        assertThat(refused.message()).doesNotContain("\n").doesNotContain("\u0000").hasSizeLessThan(200);
        AuditEvent event = h.audit.only();
        assertThat(event.action()).isEqualTo("unknown");
        assertThat((String) event.details().get("requestedTool")).hasSizeLessThanOrEqualTo(81).doesNotContain("\n");
    }

    @Test
    void refusesArgumentsThatBreakTheSchemaWithTheValidatorsMessages() {
        CallOutcome outcome = h.pipeline().handle(Harness.request("t-alice", "docs.search",
                Map.of("q", 42, "extra", true)));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.INVALID_ARGUMENTS);
        assertThat(refused.message()).contains("docs.search").contains("string").contains("extra");
        assertThat(h.docs.calls).isEmpty();
        assertThat(h.policies.requests).isEmpty();
        assertThat(h.audit.only().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void refusesArgumentsNestedDeeperThanTheLimit() {
        Map<String, Object> deep = Map.of("q", "x");
        Map<String, Object> nested = Map.of("q", "x");
        for (int i = 0; i < 40; i++) {
            nested = Map.of("n", nested);
        }
        h.docs.tools.set(List.of(Fakes.tool("docs.search", "{\"type\":\"object\"}", Set.of())));
        CallPipeline pipeline = h.pipeline();

        CallOutcome refused = pipeline.handle(Harness.request("t-alice", "docs.search", nested));
        CallOutcome fine = pipeline.handle(Harness.request("t-alice", "docs.search", deep));

        assertThat(((CallOutcome.Refused) refused).code()).isEqualTo(Refusal.INVALID_ARGUMENTS);
        assertThat(((CallOutcome.Refused) refused).message()).contains("deeper than 32");
        assertThat(fine).isInstanceOf(CallOutcome.Completed.class);
        assertThat(h.audit.events()).extracting(AuditEvent::outcome).containsExactly(Outcome.DENIED, Outcome.SUCCEEDED);
    }

    @Test
    void refusesArgumentsLargerThanTheConfiguredLimits() {
        h.limits = new dev.bulwark.engine.validation.ArgumentLimits(32, 50, 1_000, 10_000);
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(i);
        }

        CallOutcome outcome = h.pipeline().handle(Harness.request("t-alice", "docs.search",
                Map.of("q", "x", "many", many)));

        assertThat(((CallOutcome.Refused) outcome).message()).contains("more than 50 values");
        assertThat(h.audit.only().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void refusesEveryCallToAToolWhoseSchemaDoesNotCompile() {
        h.docs.tools.set(List.of(Fakes.tool("docs.search", "{\"type\": 12}", Set.of())));

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(refused.message()).contains("input schema is unusable");
        assertThat(h.docs.calls).isEmpty();
        assertThat(h.audit.only().details()).containsKey("problem");
    }

    @Test
    void refusesADeniedCallWithTheReasonAndPolicyIds() {
        h.policies.rule = r -> new Decision.Deny(List.of("forbid-night", "forbid-docs"), "outside office hours",
                List.of());

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.DENIED);
        assertThat(refused.message()).contains("outside office hours").contains("forbid-night").contains("forbid-docs");
        AuditEvent event = h.audit.only();
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.reason()).isEqualTo("DENIED forbid-night,forbid-docs");
        assertThat(event.details()).containsEntry("policyIds", List.of("forbid-night", "forbid-docs"));
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void givesPolicyTheSessionPrincipalValidatedArgumentsAndTime() {
        h.pipeline().handle(Harness.searchAs("t-alice"));

        assertThat(h.policies.requests).singleElement().satisfies(r -> {
            assertThat(r.principal().agent().id()).isEqualTo("alice");
            assertThat(r.tool().name()).isEqualTo("docs.search");
            assertThat(r.arguments()).isEqualTo(Map.of("q", "quarterly report"));
            assertThat(r.session().id()).as("the task, not the transport session").isEqualTo("agent:alice");
            assertThat(r.time()).isEqualTo(Fakes.NOW);
        });
    }

    @Test
    void refusesAnApprovalObligationWhileNoApprovalQueueExists() {
        h.policies.rule = r -> new Decision.Allow(List.of("permit-docs"),
                List.of(new Obligation(Obligation.APPROVAL, "finance", "permit-docs")));

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.APPROVAL_REQUIRED);
        assertThat(refused.message()).contains("permit-docs");
        assertThat(h.docs.calls).isEmpty();
        AuditEvent event = h.audit.only();
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.details().get("obligations")).isEqualTo(
                List.of(Map.of("name", "approval", "value", "finance", "policyId", "permit-docs")));
    }

    @Test
    void refusesAnObligationThatNoStepFulfils() {
        h.policies.rule = r -> new Decision.Allow(List.of("p1"), List.of(new Obligation("watermark", "x", "p1")));

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.DENIED);
        assertThat(((CallOutcome.Refused) outcome).message()).contains("watermark").contains("p1");
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void proceedsWithAnObligationThatALaterStepFulfils() {
        h.fulfilled = Set.of("watermark");
        h.policies.rule = r -> new Decision.Allow(List.of("p1"), List.of(new Obligation("watermark", "x", "p1")));

        assertThat(h.pipeline().handle(Harness.searchAs("t-alice"))).isInstanceOf(CallOutcome.Completed.class);
    }

    @Test
    void reportsAConnectorExceptionAsConnectorFailed() {
        h.docs.handler = (call, progress) -> {
            throw new ConnectorException("backend unavailable");
        };

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.CONNECTOR_FAILED);
        assertThat(refused.message()).contains("backend unavailable");
        AuditEvent event = h.audit.only();
        assertThat(event.outcome()).isEqualTo(Outcome.FAILED);
        assertThat((String) event.details().get("error")).contains("backend unavailable");
    }

    @Test
    void reportsAnUnexpectedConnectorErrorAsInternalErrorWithoutTheStackOrMessage() {
        h.docs.handler = (call, progress) -> {
            throw new IllegalStateException("db password is hunter2");
        };

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(refused.message()).isEqualTo("internal error");
        AuditEvent event = h.audit.only();
        assertThat(event.outcome()).isEqualTo(Outcome.FAILED);
        assertThat((String) event.details().get("problem")).contains("ExecuteStep").contains("IllegalStateException");
        assertThat(event.toString()).doesNotContain("hunter2");
    }

    @Test
    void failsClosedWhenPolicyThrows() {
        h.policies.rule = r -> {
            throw new IllegalStateException("engine crashed");
        };

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(h.docs.calls).isEmpty();
        assertThat(h.audit.only().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void passesTheAgentsProgressListenerToTheConnector() {
        List<String> seen = new ArrayList<>();
        ProgressListener listener = (progress, total, message) -> seen.add(progress + "/" + total + " " + message);
        h.docs.handler = (call, progress) -> {
            progress.onProgress(1, 2.0, "half");
            progress.onProgress(2, 2.0, "done");
            return ToolResult.text("ok");
        };

        h.pipeline().handle(new CallRequest("t-alice", "s-1", "docs.search", Map.of("q", "x"), listener));

        assertThat(seen).containsExactly("1.0/2.0 half", "2.0/2.0 done");
    }

    @Test
    void failsTheCallWhenTheAuditLogCannotRecordIt() {
        h.audit.failing = true;

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(refused.message()).isEqualTo("audit unavailable");
        assertThat(h.audit.events()).isEmpty();
    }

    @Test
    void failsARefusalToo_whenTheAuditLogCannotRecordIt() {
        h.audit.failing = true;

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs(null));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
    }

    @Test
    void redactsCredentialsInRecordedArguments() {
        h.docs.tools.set(List.of(Fakes.tool("docs.search", "{\"type\":\"object\"}", Set.of())));

        h.pipeline().handle(Harness.request("t-alice", "docs.search",
                Map.of("q", "x", "password", "hunter2", "note", "Bearer abcdefghijklmnop1234")));

        AuditEvent event = h.audit.only();
        assertThat(event.details().get("arguments")).isEqualTo(
                Map.of("q", "x", "password", "[REDACTED]", "note", "[REDACTED:bearer-token]"));
        assertThat(event.toString()).doesNotContain("hunter2").doesNotContain("abcdefghijklmnop1234");
    }

    @Test
    void theRequestNeverPrintsItsCredential() {
        assertThat(Harness.searchAs("secret-credential-123").toString()).doesNotContain("secret-credential-123");
    }

    @Test
    void refusesMalformedSessionIdsAtTheDoor() {
        assertThatThrownBy(() -> new CallRequest(null, "bad id", "docs.search", Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallRequest(null, "s".repeat(257), "docs.search", Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
