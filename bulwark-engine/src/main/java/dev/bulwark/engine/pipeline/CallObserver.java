package dev.bulwark.engine.pipeline;

/**
 * Watches calls go through the pipeline, for telemetry (metrics, traces, logs). The pipeline asks it once per call for
 * a {@link CallObservation}; with {@link #NONE} (the default) the pipeline skips every callback, so an unobserved
 * pipeline pays one comparison per step. An observer sees the context, never changes it, and what it throws is
 * ignored: telemetry cannot refuse, delay on purpose or alter a call.
 */
@FunctionalInterface
public interface CallObserver {
    /** Observes nothing. */
    CallObserver NONE = call -> CallObservation.NONE;

    /** Called as a call starts, on the thread that runs it; returns what watches this call. */
    CallObservation begin(CallContext call);
}
