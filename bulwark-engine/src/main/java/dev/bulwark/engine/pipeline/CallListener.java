package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.tool.ClientChannel;
import dev.bulwark.spi.tool.ProgressListener;
import java.util.Optional;

/**
 * The agent's side of one allowed call as its connector sees it: progress goes to the agent's listener, and the
 * agent's client is bound to the call's policy request, so what an upstream asks of the client during the call is
 * decided as part of that call.
 */
record CallListener(ProgressListener agent, ClientChannel client) implements ProgressListener {

    static ProgressListener of(ProgressListener agent, Optional<DecisionRequest> decided) {
        ClientChannel client = agent.client();
        if (client == ClientChannel.NONE || decided.isEmpty()) {
            return agent;
        }
        return new CallListener(agent, client.during(decided.get()));
    }

    @Override
    public void onProgress(double progress, Double total, String message) {
        agent.onProgress(progress, total, message);
    }
}
