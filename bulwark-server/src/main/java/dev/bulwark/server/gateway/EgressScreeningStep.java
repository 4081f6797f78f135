package dev.bulwark.server.gateway;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.guards.action.EgressScreening;
import dev.bulwark.guards.action.PiiArgumentRedactor;
import dev.bulwark.spi.tool.ToolKind;

/**
 * Screens the arguments of calls that send data out of the organisation (egress tools) after policy allowed them
 * and before the connector sends them: secrets block the call, other PII is redacted as configured. Runs after the
 * decision so that policy conditions see the arguments the agent actually sent.
 */
final class EgressScreeningStep implements CallStep {
    private final PiiArgumentRedactor redactor;

    EgressScreeningStep(PiiArgumentRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        if (call.requireTool().kind() != ToolKind.EGRESS) {
            return next.proceed(call);
        }
        EgressScreening screening;
        try {
            screening = redactor.screenEgress(call.requireArguments(), call.request().sessionId());
        } catch (RuntimeException e) {
            // Arguments that could not be screened (token vault unavailable, hostile nesting) are not sent.
            return call.refuse(Refusal.INTERNAL_ERROR, "egress blocked: the arguments could not be screened",
                    "egress screening failed: " + e.getClass().getName());
        }
        return switch (screening) {
            case EgressScreening.Allowed allowed -> next.proceed(call.withArguments(allowed.arguments()));
            case EgressScreening.Blocked blocked -> call.refuse(Refusal.DENIED,
                    "egress blocked: the arguments carry data that must not leave (" + blocked.reason() + ")");
        };
    }
}
