package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.engine.writes.InMemoryUsageCounters;
import dev.bulwark.engine.writes.RuleSpec;
import dev.bulwark.engine.writes.ToolRules;
import dev.bulwark.engine.writes.WriteRules;
import dev.bulwark.engine.writes.WriteRulesStep;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.budget.UsageCounterException;
import dev.bulwark.spi.budget.UsageCounters;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.Obligation;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write rules step in a standard pipeline: deny, modify reaching the connector, escalate, audit. */
class WriteRulesPipelineTest {
    private static final String SCHEMA = "{\"type\":\"object\"}";
    private final Harness h = new Harness();
    private final List<Decision> decisionsSeenAfterRules = new ArrayList<>();

    @BeforeEach
    void offerAPaymentTool() {
        h.docs.tools.set(List.of(h.search, new Tool("docs.pay", "pay", SCHEMA, ToolKind.WRITE, "docs", Set.of())));
        h.docs.handler = (call, progress) -> ToolResult.text("paid");
    }

    private static RuleSpec max(String pointer, int max, String action) {
        return new RuleSpec(pointer, null, null, null, null, null, BigDecimal.valueOf(max), null, null, null, null,
                null, null, null, null, action);
    }

    private static RuleSpec rate(long count, String scope) {
        return new RuleSpec(null, null, null, null, null, null, null, null, null, null, null, count, null, "1h",
                scope, null);
    }

    private CallPipeline pipeline(boolean approvalStep, UsageCounters counters, RuleSpec... specs) {
        WriteRules rules = new WriteRules(List.of(new ToolRules("docs.pay",
                List.of(specs).stream().map(RuleSpec::toRule).toList())), counters);
        CallPipeline.Builder steps = h.standard().steps();
        if (approvalStep) {
            // stands in for the approval step: records what it was handed and lets the call through
            steps.insertAfter(DecideStep.class, (call, next) -> {
                decisionsSeenAfterRules.add(call.decision().orElseThrow());
                return next.proceed(call);
            });
        }
        return steps.insertAfter(DecideStep.class, new WriteRulesStep(rules, approvalStep)).build();
    }

    private CallOutcome pay(CallPipeline pipeline, Map<String, Object> arguments) {
        return pipeline.handle(Harness.request("t-alice", "docs.pay", arguments));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> writesNote(AuditEvent event) {
        return (Map<String, Object>) event.details().get("writes");
    }

    @Test
    void aBrokenRuleRefusesWithAReasonTheAgentCanRead() {
        CallOutcome outcome = pay(pipeline(false, new InMemoryUsageCounters(), max("/amount", 100, null)),
                Map.of("amount", 5000));

        assertThat(outcome).isInstanceOf(CallOutcome.Refused.class);
        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.DENIED);
        assertThat(refused.message()).contains("write rule").contains("/amount exceeds the maximum 100");
        assertThat(h.docs.calls).isEmpty();
        AuditEvent event = h.audit.only();
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(writesNote(event)).containsEntry("outcome", "deny")
                .containsEntry("reasons", List.of("/amount exceeds the maximum 100"));
    }

    @Test
    void aClampedValueIsWhatTheConnectorReceivesAndTheAuditSaysSo() {
        CallOutcome outcome = pay(pipeline(false, new InMemoryUsageCounters(), max("/amount", 100, "clamp")),
                Map.of("amount", 5000, "to", "bob"));

        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        assertThat(h.docs.calls).singleElement().satisfies(call -> {
            assertThat(((Number) call.arguments().get("amount")).intValue()).isEqualTo(100);
            assertThat(call.arguments()).containsEntry("to", "bob");
        });
        AuditEvent event = h.audit.events().getLast();
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(writesNote(event)).containsEntry("outcome", "modify")
                .containsEntry("changes", List.of("/amount clamped to 100"));
        assertThat(event.details().get("arguments")).as("the agent's own arguments stay on record")
                .isEqualTo(Map.of("amount", 5000L, "to", "bob")); // as the log stores it: integers as Long
    }

    @Test
    void anEscalationWithoutAnApprovalQueueRefusesAsApprovalRequired() {
        CallOutcome outcome = pay(pipeline(false, new InMemoryUsageCounters(), max("/amount", 100, "escalate")),
                Map.of("amount", 5000));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.APPROVAL_REQUIRED);
        assertThat(refused.message()).contains("approval").contains("/amount exceeds the maximum 100");
        assertThat(h.docs.calls).isEmpty();
        assertThat(writesNote(h.audit.only())).containsEntry("outcome", "escalate");
    }

    @Test
    void anEscalationHandsTheApprovalStepAnApprovalObligation() {
        h.fulfilled = Set.of(Obligation.APPROVAL);

        CallOutcome outcome = pay(pipeline(true, new InMemoryUsageCounters(), max("/amount", 100, "escalate")),
                Map.of("amount", 5000));

        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        Decision.Allow seen = (Decision.Allow) decisionsSeenAfterRules.getFirst();
        assertThat(seen.obligations()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo(Obligation.APPROVAL);
            assertThat(o.policyId()).isEqualTo(WriteRulesStep.POLICY_ID);
            assertThat(o.value()).contains("/amount exceeds the maximum 100");
        });
    }

    @Test
    void aRateLimitRefusesTheCallAfterTheLast() {
        CallPipeline pipeline = pipeline(false, new InMemoryUsageCounters(), rate(2, "agent"));

        assertThat(pay(pipeline, Map.of())).isInstanceOf(CallOutcome.Completed.class);
        assertThat(pay(pipeline, Map.of())).isInstanceOf(CallOutcome.Completed.class);
        CallOutcome third = pay(pipeline, Map.of());

        assertThat(((CallOutcome.Refused) third).message()).contains("rate limit of 2 calls per agent");
        assertThat(h.docs.calls).hasSize(2);
    }

    @Test
    void anUnreachableCounterStoreRefuses() {
        UsageCounters broken = (key, windowStart, amount, limit) -> {
            throw new UsageCounterException("database down", null);
        };

        CallOutcome outcome = pay(pipeline(false, broken, rate(5, "agent")), Map.of());

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.DENIED);
        assertThat(h.docs.calls).isEmpty();
        assertThat(h.audit.only().details().get("problem").toString()).contains("UsageCounterException");
    }

    @Test
    void toolsWithoutRulesPassUntouched() {
        CallOutcome outcome = pipeline(false, new InMemoryUsageCounters(), max("/limit", 1, null))
                .handle(Harness.request("t-alice", "docs.search", Map.of("q", "x", "limit", 50)));

        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        assertThat(h.docs.calls.getFirst().arguments()).containsEntry("limit", 50);
        assertThat(h.audit.only().details()).doesNotContainKey("writes");
    }
}
