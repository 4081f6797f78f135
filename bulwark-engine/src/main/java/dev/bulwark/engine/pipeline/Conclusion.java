package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import java.util.Optional;

/**
 * How the call ended, with the context as it was at the end, so that wrapping steps (audit) see what was learned.
 *
 * @param call    the context when the call ended
 * @param outcome the answer for the agent
 * @param problem an internal explanation for the audit record (e.g. the exception behind an internal error); never
 *                shown to the agent
 */
public record Conclusion(CallContext call, CallOutcome outcome, Optional<String> problem) {
    public Conclusion {
        Checks.present(call, "call");
        Checks.present(outcome, "outcome");
        Checks.present(problem, "problem");
        if (!outcome.callId().equals(call.callId())) {
            throw new IllegalArgumentException("outcome belongs to another call");
        }
    }

    public boolean completed() {
        return outcome instanceof CallOutcome.Completed;
    }
}
