package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallObserverTest {
    private final Harness h = new Harness();

    /** Records the callbacks as text, in order. */
    private static final class Recording implements CallObservation {
        final List<String> events = new ArrayList<>();

        @Override
        public void stepStarted(CallStep step) {
            events.add("start " + step.getClass().getSimpleName());
        }

        @Override
        public void stepEnded(CallStep step, Conclusion conclusion) {
            events.add("end " + step.getClass().getSimpleName());
        }

        @Override
        public void screened(String guard, Screening verdict) {
            events.add("screened " + guard + " " + verdict.getClass().getSimpleName());
        }

        @Override
        public void ended(Conclusion conclusion) {
            events.add("ended " + (conclusion.completed() ? "completed" : "refused"));
        }
    }

    @Test
    void seesEveryStepNestedInPipelineOrderThenTheEnd() {
        Recording recording = new Recording();
        CallPipeline pipeline = h.standard().steps().observer(call -> recording).build();

        CallOutcome outcome = pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        List<String> names = pipeline.steps().stream().map(s -> s.getClass().getSimpleName()).toList();
        List<String> expected = new ArrayList<>();
        names.forEach(n -> expected.add("start " + n));
        names.reversed().forEach(n -> expected.add("end " + n));
        expected.add("ended completed");
        assertThat(recording.events).isEqualTo(expected);
    }

    @Test
    void reportsGuardVerdictsFromTheScreeningStep() {
        h.guards.add(guard("pii", (call, result) -> new Screening.Rewrite(ToolResult.text("[email]"), List.of("email"),
                Set.of("pii"))));
        h.guards.add(guard("injection", (call, result) -> new Screening.Block("instructions found")));
        Recording recording = new Recording();

        CallOutcome outcome = h.standard().steps().observer(call -> recording).build()
                .handle(Harness.searchAs("t-alice"));

        assertThat(((CallOutcome.Refused) outcome).code()).isEqualTo(Refusal.OUTPUT_BLOCKED);
        assertThat(recording.events).contains("screened pii Rewrite", "screened injection Block", "ended refused");
    }

    @Test
    void anObserverThatThrowsEverywhereChangesNothing() {
        CallObservation hostile = new CallObservation() {
            @Override
            public void stepStarted(CallStep step) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void stepEnded(CallStep step, Conclusion conclusion) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void screened(String guard, Screening verdict) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void ended(Conclusion conclusion) {
                throw new IllegalStateException("boom");
            }
        };
        h.guards.add(guard("pass", (call, result) -> new Screening.Pass()));

        CallOutcome observed = h.standard().steps().observer(call -> hostile).build()
                .handle(Harness.searchAs("t-alice"));
        CallOutcome failingToBegin = h.standard().steps().observer(call -> {
            throw new IllegalStateException("boom");
        }).build().handle(Harness.searchAs("t-alice"));

        assertThat(observed).isInstanceOf(CallOutcome.Completed.class);
        assertThat(failingToBegin).isInstanceOf(CallOutcome.Completed.class);
        assertThat(h.audit.events).hasSize(2);
    }

    @Test
    void anUnobservedCallCarriesNoObservation() {
        List<CallContext> seen = new ArrayList<>();
        CallPipeline pipeline = h.standard().steps().step((call, next) -> {
            seen.add(call);
            return next.proceed(call);
        }).build();

        pipeline.handle(Harness.searchAs("t-alice"));

        assertThat(seen).singleElement().satisfies(c -> assertThat(c.get(CallObservation.KEY)).isEmpty());
    }

    @Test
    void keepsOnlyTheTraceContextHeadersAndBoundsThem() {
        CallRequest request = new CallRequest("t", "s-1", "docs.search", null, null, null,
                java.util.Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        "tracestate", "x".repeat(5000), "cookie", "secret"));

        assertThat(request.traceContext()).containsOnlyKeys("traceparent");
    }

    private static OutputGuard guard(String name,
                                     java.util.function.BiFunction<ToolCall, ToolResult, Screening> verdict) {
        return new OutputGuard() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Screening screen(ToolCall call, ToolResult result) {
                return verdict.apply(call, result);
            }
        };
    }
}
