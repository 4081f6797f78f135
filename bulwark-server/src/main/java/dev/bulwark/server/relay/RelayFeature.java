package dev.bulwark.server.relay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The requests an upstream may send the agent's client, with their Cedar action and capability. */
enum RelayFeature {
    /** The model's output may carry anything from the agent's context: secrets and personal data are removed. */
    SAMPLING(McpSchema.METHOD_SAMPLING_CREATE_MESSAGE, "sampling", Screening.SECRETS_AND_PERSONAL_DATA),
    /** The user answers a form the upstream asked for, knowingly: only secrets are removed. */
    ELICITATION(McpSchema.METHOD_ELICITATION_CREATE, "elicitation", Screening.SECRETS),
    /** Root URIs the client chose to expose: passed as they are. */
    ROOTS(McpSchema.METHOD_ROOTS_LIST, "roots", Screening.NONE);

    /** What is taken out of the client's answer before the upstream sees it. */
    enum Screening { NONE, SECRETS, SECRETS_AND_PERSONAL_DATA }

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() { };
    private final String method;
    private final String action;
    private final Screening screened;

    RelayFeature(String method, String action, Screening screened) {
        this.method = method;
        this.action = action;
        this.screened = screened;
    }

    static Optional<RelayFeature> of(String method) {
        return Arrays.stream(values()).filter(f -> f.method.equals(method)).findFirst();
    }

    String method() {
        return method;
    }

    /** The Cedar action id, {@code Bulwark::Action::"<action>"}. */
    String action() {
        return action;
    }

    /** What is taken out of the client's answer before the upstream sees it. */
    Screening screening() {
        return screened;
    }

    /**
     * Whether the client declared what this request needs: {@code sampling}; {@code elicitation} with the requested
     * mode ({@code url} needs {@code elicitation.url}; form, the default, needs {@code elicitation.form} or the bare
     * {@code elicitation: {}} of earlier protocol versions); {@code roots}.
     */
    boolean declaredBy(McpSchema.ClientCapabilities caps, Map<String, Object> params) {
        if (caps == null) {
            return false;
        }
        return switch (this) {
            case SAMPLING -> caps.sampling() != null;
            case ROOTS -> caps.roots() != null;
            case ELICITATION -> caps.elicitation() != null && ("url".equals(params.get("mode"))
                    ? caps.elicitation().url() != null
                    : caps.elicitation().form() != null || caps.elicitation().url() == null);
        };
    }

    /** Sends the request over the agent's exchange and returns the client's result as a JSON tree. */
    Map<String, Object> ask(McpSyncServerExchange exchange, Map<String, Object> params, ObjectMapper json) {
        Object result = switch (this) {
            case SAMPLING -> exchange.createMessage(json.convertValue(params, McpSchema.CreateMessageRequest.class));
            case ELICITATION -> exchange.createElicitation(json.convertValue(params, McpSchema.ElicitRequest.class));
            case ROOTS -> exchange.listRoots();
        };
        return result == null ? Map.of() : json.convertValue(result, TREE);
    }
}
