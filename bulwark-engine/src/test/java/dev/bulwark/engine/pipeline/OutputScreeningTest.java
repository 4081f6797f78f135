package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class OutputScreeningTest {
    private final Harness h = new Harness();
    private final List<String> order = new ArrayList<>();

    private OutputGuard guard(String name, BiFunction<ToolCall, ToolResult, Screening> verdict) {
        return new OutputGuard() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Screening screen(ToolCall call, ToolResult result) {
                order.add(name);
                return verdict.apply(call, result);
            }
        };
    }

    @Test
    void passesOutputThroughAnEmptyGuardList() {
        assertThat(h.pipeline().handle(Harness.searchAs("t-alice"))).isInstanceOf(CallOutcome.Completed.class);
    }

    @Test
    void runsGuardsInOrderAndEachSeesThePreviousRewrite() {
        List<String> seenBySecond = new ArrayList<>();
        h.guards.add(guard("pii", (call, result) -> new Screening.Rewrite(ToolResult.text("[email]"),
                List.of("email"), Set.of("pii"))));
        h.guards.add(guard("injection", (call, result) -> {
            seenBySecond.add(result.joinedText());
            return new Screening.Pass();
        }));

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        assertThat(order).containsExactly("pii", "injection");
        assertThat(seenBySecond).containsExactly("[email]");
        assertThat(((CallOutcome.Completed) outcome).result().joinedText()).isEqualTo("[email]");
        assertThat(h.audit.only().details().get("labels")).isEqualTo(List.of("internal", "pii"));
    }

    @Test
    void rewriteLabelsReachTheSessionForLaterDecisions() {
        h.guards.add(guard("injection", (call, result) -> new Screening.Rewrite(result, List.of("suspicious"),
                Set.of("untrusted"))));
        CallPipeline pipeline = h.pipeline();

        pipeline.handle(Harness.searchAs("t-alice"));
        pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(h.policies.requests).hasSize(2);
        assertThat(h.policies.requests.get(0).session().labelsSeen()).isEmpty();
        assertThat(h.policies.requests.get(1).session().labelsSeen()).containsExactlyInAnyOrder("internal", "untrusted");
        assertThat(h.policies.requests.get(1).session().callCount()).isEqualTo(1);
        assertThat(h.policies.requests.get(1).session().recentTools()).containsExactly("docs.search");
    }

    @Test
    void labelsOfTheReturnedDataReachTheSessionBesidesTheToolsOwn() {
        h.docs.handler = (call, progress) -> ToolResult.text("row").withLabels(Set.of("pii", "confidential"));
        CallPipeline pipeline = h.pipeline();

        pipeline.handle(Harness.searchAs("t-alice"));
        pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(h.policies.requests.get(1).session().labelsSeen())
                .containsExactlyInAnyOrder("internal", "pii", "confidential");
    }

    @Test
    void blockWithholdsTheOutputAndStopsLaterGuards() {
        h.guards.add(guard("secrets", (call, result) -> new Screening.Block("found AKIA key AKIAABCDEFGHIJKLMNOP")));
        h.guards.add(guard("never", (call, result) -> new Screening.Pass()));

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        CallOutcome.Refused refused = (CallOutcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(Refusal.OUTPUT_BLOCKED);
        assertThat(refused.message()).contains("secrets").doesNotContain("AKIA");
        assertThat(order).containsExactly("secrets");
        AuditEvent event = h.audit.only();
        assertThat(event.outcome()).isEqualTo(Outcome.FAILED);
        // The guard's reason quoted a key, so the whole recorded text is redacted.
        assertThat(event.details()).containsEntry("problem", "[REDACTED:aws-access-key]");
    }

    @Test
    void aGuardThatThrowsBlocksTheOutput() {
        h.guards.add(guard("flaky", (call, result) -> {
            throw new IllegalStateException("model server down");
        }));

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.OUTPUT_BLOCKED);
        assertThat(h.audit.only().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aGuardWithoutAVerdictBlocksTheOutput() {
        h.guards.add(guard("silent", (call, result) -> null));

        CallOutcome outcome = h.pipeline().handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.OUTPUT_BLOCKED);
    }

    @Test
    void blockedOutputIsNotRecordedInTheSession() {
        h.guards.add(guard("secrets", (call, result) -> new Screening.Block("no")));
        CallPipeline pipeline = h.pipeline();

        pipeline.handle(Harness.searchAs("t-alice"));
        pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(h.policies.requests.get(1).session().callCount()).isZero();
    }

    @Test
    void labelsOfABlockReachTheSessionThoughTheOutputWasWithheld() {
        h.guards.add(guard("injection", (call, result) -> new Screening.Block("suspected injection",
                Set.of("untrusted"))));
        CallPipeline pipeline = h.pipeline();

        CallOutcome first = pipeline.handle(Harness.searchAs("t-alice"));
        pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) first).code()).isEqualTo(Refusal.OUTPUT_BLOCKED);
        assertThat(h.policies.requests.get(1).session().labelsSeen())
                .containsExactlyInAnyOrder("internal", "untrusted");
        assertThat(h.policies.requests.get(1).session().recentTools()).containsExactly("docs.search");
    }

    @Test
    void guardsSeeTheCallThatWasExecuted() {
        List<ToolCall> seen = new ArrayList<>();
        h.guards.add(guard("spy", (call, result) -> {
            seen.add(call);
            return new Screening.Pass();
        }));

        h.pipeline().handle(Harness.searchAs("t-alice"));

        assertThat(seen).containsExactlyElementsOf(h.docs.calls);
    }
}
