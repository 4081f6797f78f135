package dev.bulwark.server.gateway;

import dev.bulwark.egress.EgressFacts;
import dev.bulwark.egress.EgressRefusedException;
import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.Refusal;

/**
 * Adds the parsed target of an HTTP egress call ({@code host}, {@code scheme}, {@code port}) to its arguments after
 * they were validated and before flow control and policy see them, so a policy can allow hosts per agent with
 * {@code context.arguments.host}. A URL that cannot be parsed strictly is refused here, before any decision.
 */
final class EgressTargetStep implements CallStep {
    private final String connector;

    EgressTargetStep(String connector) {
        this.connector = connector;
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        if (!call.requireTool().connector().equals(connector)) {
            return next.proceed(call);
        }
        try {
            return next.proceed(call.withArguments(EgressFacts.add(call.requireArguments())));
        } catch (EgressRefusedException e) {
            return call.refuse(Refusal.DENIED, "egress refused: " + e.getMessage());
        }
    }
}
