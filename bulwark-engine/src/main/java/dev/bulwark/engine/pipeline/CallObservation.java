package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.guard.Screening;

/**
 * What watches one call. The pipeline calls it on the call's thread, in order: {@link #stepStarted} and
 * {@link #stepEnded} nest as the steps do (each step wraps the rest of the chain), {@link #screened} once per output
 * guard verdict, and {@link #ended} once with the final conclusion (after the audit step). Implementations must be
 * cheap; an exception they throw is swallowed by the pipeline.
 */
public interface CallObservation {
    /** Watches nothing; the pipeline recognises it and makes no callbacks. */
    CallObservation NONE = new CallObservation() { };

    /** Where steps find the observation of their call, to report what only they see (guard verdicts). */
    ContextKey<CallObservation> KEY = ContextKey.of("call-observation", CallObservation.class);

    /** {@code step} is about to handle the call. */
    default void stepStarted(CallStep step) {
    }

    /** {@code step} returned {@code conclusion} (the rest of the chain, which it wrapped, has ended too). */
    default void stepEnded(CallStep step, Conclusion conclusion) {
    }

    /** An output guard gave its verdict; {@code guard} is its printable name. */
    default void screened(String guard, Screening verdict) {
    }

    /** The call ended; {@code conclusion} is what the agent is answered (it has been audited). */
    default void ended(Conclusion conclusion) {
    }
}
