package dev.bulwark.server.relay;

import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.tool.ClientChannel;
import dev.bulwark.spi.tool.ClientRequestRefused;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * The agent's client behind one MCP exchange (the agent's {@code tools/call}), bound to that call's policy request.
 * A request is relayed only when it is one of the relayed features, bound to a call, within
 * {@link ClientRelay#MAX_PARAMS_BYTES}, declared by the client's capabilities, and permitted by policy; it then
 * travels on the agent's call stream. What the client answers is screened ({@link RelayFeature.Screening}) before
 * the upstream sees it. Log messages are redacted and sent subject to the level the client set.
 */
final class ExchangeChannel implements ClientChannel {
    private final ClientRelay relay;
    private final McpSyncServerExchange exchange;
    private final DecisionRequest call;
    private final CallCancellations.Running running;

    ExchangeChannel(ClientRelay relay, McpSyncServerExchange exchange, DecisionRequest call,
                    CallCancellations.Running running) {
        this.relay = relay;
        this.exchange = exchange;
        this.call = call;
        this.running = running;
    }

    @Override
    public ClientChannel during(DecisionRequest decided) {
        return new ExchangeChannel(relay, exchange, decided, running);
    }

    @Override
    public void onCancelled(Runnable action) {
        running.onCancelled(action);
    }

    @Override
    public Map<String, Object> request(String connector, String method, Map<String, Object> params)
            throws ClientRequestRefused {
        RelayFeature feature = RelayFeature.of(method).orElseThrow(() -> new ClientRequestRefused(
                ClientRequestRefused.METHOD_NOT_FOUND, method + " is not relayed by the gateway"));
        if (call == null) {
            throw refused(connector, feature, params, ClientRequestRefused.INVALID_REQUEST, "no allowed call",
                    List.of(), method + " refused: not during an allowed call");
        }
        if (relay.jsonBytes(params) > ClientRelay.MAX_PARAMS_BYTES) {
            throw refused(connector, feature, Map.of("bytes", relay.jsonBytes(params)),
                    ClientRequestRefused.INVALID_PARAMS, "too large", List.of(), method
                    + " refused: its params exceed " + ClientRelay.MAX_PARAMS_BYTES + " bytes");
        }
        if (!feature.declaredBy(exchange.getClientCapabilities(), params)) {
            throw refused(connector, feature, params, ClientRequestRefused.METHOD_NOT_FOUND,
                    "client lacks the capability", List.of(), method
                    + " refused: the agent's client did not declare the capability");
        }
        Decision decision = relay.decide(call, feature.action());
        if (decision instanceof Decision.Deny deny) {
            throw refused(connector, feature, params, ClientRequestRefused.INVALID_REQUEST,
                    "denied: " + deny.reason(), deny.policyIds(), method + " refused by the gateway's policy");
        }
        Map<String, Object> answer;
        try {
            answer = feature.ask(exchange, params, relay.json);
        } catch (McpError e) {
            int code = e.getJsonRpcError() == null ? ClientRequestRefused.INTERNAL_ERROR : e.getJsonRpcError().code();
            throw refused(connector, feature, params, code, "client error " + code, decision.policyIds(),
                    "the agent's client answered " + method + " with an error");
        } catch (IllegalArgumentException e) {
            throw refused(connector, feature, params, ClientRequestRefused.INVALID_PARAMS, "malformed params",
                    decision.policyIds(), method + " refused: malformed params");
        } catch (RuntimeException e) {
            throw refused(connector, feature, params, ClientRequestRefused.INTERNAL_ERROR,
                    "client failed: " + e.getClass().getSimpleName(), decision.policyIds(),
                    "the agent's client did not answer " + method);
        }
        // The upstream is untrusted: what the agent's model or user answered reaches it screened.
        Map<String, Object> screened = relay.screen(feature.screening(), answer);
        audited(connector, feature, Outcome.SUCCEEDED, "", params, screened, decision.policyIds());
        return screened;
    }

    @Override
    public void log(String connector, Map<String, Object> params) {
        McpSchema.LoggingLevel level = LogLevels.parse(params.get("level"));
        if (level == null) {
            return;
        }
        Object data = relay.redact(Map.of("data", params.getOrDefault("data", ""))).get("data");
        String text;
        try {
            text = data instanceof String s ? s : relay.json.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return;
        }
        // the logger's name is the upstream's text too: it is redacted like the data
        Object named = params.get("logger") instanceof String s ? relay.redact(Map.of("logger", s)).get("logger")
                : connector;
        String logger = named instanceof String s ? s : connector;
        try {
            exchange.loggingNotification(new McpSchema.LoggingMessageNotification(level, logger, text));
        } catch (RuntimeException e) {
            // the agent's stream is gone or slow: a log message is not worth failing the call for
        }
    }

    private ClientRequestRefused refused(String connector, RelayFeature feature, Map<String, Object> params, int code,
                                         String reason, List<String> policyIds, String message) {
        try {
            audited(connector, feature, code == ClientRequestRefused.INTERNAL_ERROR ? Outcome.FAILED
                    : Outcome.DENIED, reason, params, null, policyIds);
        } catch (ClientRequestRefused e) {
            return e;
        }
        return new ClientRequestRefused(code, message);
    }

    private void audited(String connector, RelayFeature feature, Outcome outcome, String reason,
                         Map<String, Object> params, Map<String, Object> answer, List<String> policyIds)
            throws ClientRequestRefused {
        try {
            relay.record(call, connector, feature.action(), outcome, reason, params, answer, policyIds);
        } catch (RuntimeException e) {
            // Fail closed: what cannot be audited is not relayed.
            throw new ClientRequestRefused(ClientRequestRefused.INTERNAL_ERROR, "the gateway could not audit "
                    + feature.method() + "; it was not relayed");
        }
    }
}
