package dev.bulwark.engine.pipeline;

/**
 * One step of the call pipeline. A step may add to the call's context and pass it on ({@code next.proceed(...)}),
 * end the call ({@code call.refuse(...)}), or wrap the rest of the chain to act on its conclusion (audit, session).
 *
 * <p>A step that throws ends the call with {@link Refusal#INTERNAL_ERROR}: the pipeline fails closed.
 */
@FunctionalInterface
public interface CallStep {

    Conclusion handle(CallContext call, Chain next);

    /** The rest of the pipeline after a step. It never throws. */
    @FunctionalInterface
    interface Chain {
        Conclusion proceed(CallContext call);
    }
}
