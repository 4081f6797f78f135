package dev.bulwark.spi.tool;

import java.util.Map;

/**
 * The agent's MCP client as it can be reached during one call, for what an upstream server asks of it while the call
 * runs: requests ({@code sampling/createMessage}, {@code elicitation/create}, {@code roots/list}) and log messages.
 * The gateway decides each request (capability, policy, bounds) before anything reaches the client; {@link #NONE}
 * refuses every request and drops every message.
 */
public interface ClientChannel {
    /** No client: every request is refused, every log message dropped. */
    ClientChannel NONE = new ClientChannel() {
        @Override
        public Map<String, Object> request(String connector, String method, Map<String, Object> params)
                throws ClientRequestRefused {
            throw new ClientRequestRefused(ClientRequestRefused.METHOD_NOT_FOUND,
                    "the agent's client cannot be reached for " + method + " during this call");
        }

        @Override
        public void log(String connector, Map<String, Object> params) {
            // nobody to tell
        }
    };

    /**
     * Asks the agent's client, on behalf of upstream {@code connector}, and returns its answer.
     *
     * @param method the MCP method the upstream sent
     * @param params its params, a JSON object tree (empty when it sent none)
     * @return the client's result, a JSON object tree, as the upstream may see it
     * @throws ClientRequestRefused when the gateway refuses the request or the client answers with an error
     */
    Map<String, Object> request(String connector, String method, Map<String, Object> params)
            throws ClientRequestRefused;

    /** Passes one {@code notifications/message} of upstream {@code connector} on, as far as the gateway allows. */
    void log(String connector, Map<String, Object> params);

    /**
     * Runs {@code action} once, on another thread, when the agent cancels the call ({@code notifications/cancelled});
     * never when it does not. The default channel has no agent that could cancel.
     */
    default void onCancelled(Runnable action) {
        // nobody can cancel
    }

    /**
     * This channel bound to the call policy allowed with {@code call}: requests are then decided as part of that
     * call. The gateway binds it before the connector runs; unbound channels refuse requests.
     */
    default ClientChannel during(dev.bulwark.spi.policy.DecisionRequest call) {
        return this;
    }
}
