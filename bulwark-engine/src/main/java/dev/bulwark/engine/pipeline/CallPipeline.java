package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.policy.Decision;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The one ordered pipeline every tool call goes through. {@link #handle} never throws: a step that throws ends the
 * call with {@link Refusal#INTERNAL_ERROR}, which the audit step (always outermost) still records.
 */
public final class CallPipeline {
    private final List<CallStep> steps;
    private final InstantSource clock;
    private final CallObserver observer;

    private CallPipeline(List<CallStep> steps, InstantSource clock, CallObserver observer) {
        this.steps = List.copyOf(steps);
        this.clock = clock;
        this.observer = observer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The steps in order, outermost first. */
    public List<CallStep> steps() {
        return steps;
    }

    public CallOutcome handle(CallRequest request) {
        CallContext start = null;
        CallObservation observation = CallObservation.NONE;
        try {
            start = CallContext.start(Checks.present(request, "request"), clock.instant(), System.nanoTime());
            if (observer != CallObserver.NONE) {
                observation = observe(start);
                if (observation != CallObservation.NONE) {
                    start = start.with(CallObservation.KEY, observation);
                }
            }
            Conclusion conclusion = run(0, start, observation);
            if (observation != CallObservation.NONE) {
                ended(observation, conclusion);
            }
            return conclusion.outcome();
        } catch (Throwable t) {
            // Only reached when the audit step itself broke: nothing was returned unrecorded, the call is refused.
            String callId = start == null ? "unstarted" : start.callId();
            if (start != null && observation != CallObservation.NONE) {
                ended(observation, start.refuse(Refusal.INTERNAL_ERROR, "internal error"));
            }
            return new CallOutcome.Refused(callId, Refusal.INTERNAL_ERROR, "internal error");
        }
    }

    private Conclusion run(int index, CallContext call, CallObservation observation) {
        if (index == steps.size()) {
            return finish(call);
        }
        CallStep step = steps.get(index);
        if (observation == CallObservation.NONE) {
            return runStep(step, index, call, observation);
        }
        try {
            observation.stepStarted(step);
        } catch (RuntimeException ignored) {
            // telemetry never affects a call
        }
        Conclusion conclusion = runStep(step, index, call, observation);
        try {
            observation.stepEnded(step, conclusion);
        } catch (RuntimeException ignored) {
            // telemetry never affects a call
        }
        return conclusion;
    }

    private Conclusion runStep(CallStep step, int index, CallContext call, CallObservation observation) {
        try {
            Conclusion conclusion = step.handle(call, next -> run(index + 1, next, observation));
            if (conclusion == null) {
                return call.refuse(Refusal.INTERNAL_ERROR, "internal error",
                        "step " + step.getClass().getSimpleName() + " returned no conclusion");
            }
            return conclusion;
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return call.refuse(Refusal.INTERNAL_ERROR, "internal error", describe(step, t));
        }
    }

    private CallObservation observe(CallContext start) {
        try {
            CallObservation observation = observer.begin(start);
            return observation == null ? CallObservation.NONE : observation;
        } catch (RuntimeException e) {
            return CallObservation.NONE;
        }
    }

    private static void ended(CallObservation observation, Conclusion conclusion) {
        try {
            observation.ended(conclusion);
        } catch (RuntimeException ignored) {
            // telemetry never affects a call
        }
    }

    /** The end of the chain: a call that got this far completed, unless a step forgot to produce its result. */
    private static Conclusion finish(CallContext call) {
        if (call.result().isEmpty() || !(call.decision().orElse(null) instanceof Decision.Allow)) {
            return call.refuse(Refusal.INTERNAL_ERROR, "internal error",
                    "pipeline ended without an allowed, executed result");
        }
        return call.complete();
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    /** Names the step and the exception type only: an exception's message may quote secrets (ours do not). */
    static String describe(CallStep step, Throwable t) {
        String what = t instanceof StepOrderException ? t.getMessage() : t.getClass().getName();
        return "step " + step.getClass().getSimpleName() + " threw " + what;
    }

    /** Assembles the ordered list of steps. The first step must be the {@link AuditStep}. */
    public static final class Builder {
        private final List<CallStep> steps = new ArrayList<>();
        private InstantSource clock = InstantSource.system();
        private CallObserver observer = CallObserver.NONE;

        private Builder() {}

        /** Who watches calls for telemetry; {@link CallObserver#NONE} by default. */
        public Builder observer(CallObserver value) {
            this.observer = Checks.present(value, "observer");
            return this;
        }

        public Builder step(CallStep step) {
            steps.add(Checks.present(step, "step"));
            return this;
        }

        /** Inserts {@code step} right after the first step of the given class (e.g. approvals after deciding). */
        public Builder insertAfter(Class<? extends CallStep> anchor, CallStep step) {
            steps.add(indexOf(anchor) + 1, Checks.present(step, "step"));
            return this;
        }

        /** Inserts {@code step} right before the first step of the given class. */
        public Builder insertBefore(Class<? extends CallStep> anchor, CallStep step) {
            steps.add(indexOf(anchor), Checks.present(step, "step"));
            return this;
        }

        public Builder clock(InstantSource newClock) {
            this.clock = Checks.present(newClock, "clock");
            return this;
        }

        public CallPipeline build() {
            if (steps.isEmpty() || !(steps.get(0) instanceof AuditStep)) {
                throw new IllegalStateException("the first step of a call pipeline must be the AuditStep, so that "
                        + "every outcome is recorded");
            }
            if (steps.stream().skip(1).anyMatch(s -> s instanceof AuditStep)) {
                throw new IllegalStateException("a call pipeline has exactly one AuditStep");
            }
            return new CallPipeline(steps, clock, observer);
        }

        private int indexOf(Class<? extends CallStep> anchor) {
            for (int i = 0; i < steps.size(); i++) {
                if (anchor.isInstance(steps.get(i))) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no step of type " + anchor.getSimpleName() + " in the pipeline");
        }
    }
}
