package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.audit.Outcome;

/** Why the pipeline refused a call. Each code maps to one audit outcome. */
public enum Refusal {
    UNAUTHENTICATED(Outcome.DENIED),
    UNKNOWN_TOOL(Outcome.DENIED),
    INVALID_ARGUMENTS(Outcome.DENIED),
    DENIED(Outcome.DENIED),
    APPROVAL_REQUIRED(Outcome.DENIED),
    CONNECTOR_FAILED(Outcome.FAILED),
    OUTPUT_BLOCKED(Outcome.FAILED),
    INTERNAL_ERROR(Outcome.FAILED);

    private final Outcome auditOutcome;

    Refusal(Outcome auditOutcome) {
        this.auditOutcome = auditOutcome;
    }

    /** Refused before execution is {@code DENIED}; failed during or after execution is {@code FAILED}. */
    public Outcome auditOutcome() {
        return auditOutcome;
    }
}
