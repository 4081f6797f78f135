package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.tool.ToolResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineAssemblyTest {
    private static final ContextKey<String> FLOW = ContextKey.of("flow", String.class);
    private final Harness h = new Harness();

    @Test
    void standardStepsRunInTheDocumentedOrder() {
        assertThat(h.pipeline().steps()).extracting(s -> s.getClass().getSimpleName()).containsExactly(
                "AuditStep", "AuthenticateStep", "ResolveToolStep", "ValidateArgumentsStep", "SessionStep", "FlowStep",
                "DecideStep", "RecordAttemptStep", "ExecuteStep", "ScreenOutputStep");
    }

    @Test
    void refusesAPipelineWhoseFirstStepIsNotTheAudit() {
        assertThatThrownBy(() -> CallPipeline.builder().step(new AuthenticateStep(h.authenticator)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AuditStep");
        assertThatThrownBy(() -> CallPipeline.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesASecondAuditStep() {
        AuditStep audit = new AuditStep(h.audit, new KeyPatternRedactor());
        assertThatThrownBy(() -> CallPipeline.builder().step(audit).step(audit).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInsertedStepCanAddToTheContextForLaterSteps() {
        CallPipeline pipeline = h.standard().steps()
                .insertAfter(DecideStep.class, (call, next) -> next.proceed(call.with(FLOW, "checked")))
                .insertBefore(ScreenOutputStep.class, (call, next) -> next.proceed(call.withResult(
                        ToolResult.text(call.get(FLOW).orElse("missing")), java.util.Set.of())))
                .build();

        CallOutcome outcome = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Completed) outcome).result().joinedText()).isEqualTo("checked");
    }

    @Test
    void anInsertedStepCanEndTheCallAndItIsStillAudited() {
        CallPipeline pipeline = h.standard().steps()
                .insertAfter(DecideStep.class, (call, next) -> call.refuse(Refusal.DENIED, "flow rule: no egress"))
                .build();

        CallOutcome outcome = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).message()).isEqualTo("flow rule: no egress");
        assertThat(h.docs.calls).isEmpty();
        assertThat(h.audit.only().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void aStepThatReturnsNothingIsAnInternalError() {
        CallPipeline pipeline = h.standard().steps().insertAfter(AuthenticateStep.class, (call, next) -> null).build();

        CallOutcome outcome = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(h.audit.only().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aStepRunOutOfOrderFailsClosed() {
        CallPipeline pipeline = CallPipeline.builder()
                .step(new AuditStep(h.audit, new KeyPatternRedactor()))
                .step(new DecideStep(h.policies))
                .build();

        CallOutcome outcome = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat((String) h.audit.only().details().get("problem")).contains("step ordering");
    }

    @Test
    void aPipelineThatEndsWithoutExecutingDoesNotComplete() {
        CallPipeline pipeline = CallPipeline.builder().step(new AuditStep(h.audit, new KeyPatternRedactor())).build();

        CallOutcome outcome = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(h.audit.events()).hasSize(1);
    }

    @Test
    void aRedactorThatFailsRefusesTheCallBeforeItRuns() {
        CallPipeline pipeline = CallPipeline.builder()
                .step(new AuditStep(h.audit, arguments -> {
                    throw new IllegalStateException("broken redactor");
                }))
                .step(new AuthenticateStep(h.authenticator))
                .build();

        CallOutcome outcome = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(h.audit.only().details().get("arguments")).isEqualTo("[unrecordable]");
        assertThat(h.docs.calls).isEmpty();
    }

    @Test
    void aRedactorThatReturnsNonJsonStillYieldsOneRecordedRefusal() {
        CallPipeline pipeline = h.standard().steps().build();
        CallPipeline odd = CallPipeline.builder()
                .step(new AuditStep(h.audit, arguments -> java.util.Map.of("x", new Object())))
                .step(pipeline.steps().get(1))
                .build();

        CallOutcome outcome = odd.handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.INTERNAL_ERROR);
        assertThat(h.audit.events()).hasSize(1);
        assertThat(List.of(h.audit.only().outcome())).containsExactly(Outcome.FAILED);
    }
}
