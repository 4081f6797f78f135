package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.tool.ClientChannel;
import dev.bulwark.spi.tool.ConnectorException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * An upstream's MCP resources, resource templates, prompts and completions, asked over the session its tools use.
 * Nothing here decides or screens anything: the gateway reads through these methods only for calls policy allowed,
 * and screens what they return like tool output.
 *
 * <p>Bounded: lists are read for at most {@link #MAX_PAGES} pages and {@link #MAX_ITEMS} items (the rest is left
 * out), each request waits at most the upstream's timeout. The upstream's own error messages are untrusted text and
 * are not passed on; only their JSON-RPC code is.
 */
public final class UpstreamFeatures {
    /** Pages of one list read at most; an upstream that pages forever is cut off here. */
    public static final int MAX_PAGES = 20;
    /** Items of one list kept at most. */
    public static final int MAX_ITEMS = 10_000;
    /** MCP's code for a resource the server does not have. */
    public static final int RESOURCE_NOT_FOUND = -32002;

    private final String upstream;
    private final Duration timeout;
    private final Supplier<UpstreamSession> session;
    private final UpstreamRelay relay;

    UpstreamFeatures(String upstream, Duration timeout, Supplier<UpstreamSession> session, UpstreamRelay relay) {
        this.upstream = upstream;
        this.timeout = timeout;
        this.session = session;
        this.relay = relay;
    }

    /** The upstream's capabilities as it announced them, or {@code null} while it is not connected. */
    public McpSchema.ServerCapabilities capabilities() {
        UpstreamSession current = session.get();
        return current == null ? null : current.client().getServerCapabilities();
    }

    public List<McpSchema.Resource> resources() throws ConnectorException {
        return pages("resources/list", (client, cursor) -> client.listResources(cursor)
                .map(r -> new Page<>(r.resources(), r.nextCursor())));
    }

    public List<McpSchema.ResourceTemplate> resourceTemplates() throws ConnectorException {
        return pages("resources/templates/list", (client, cursor) -> client.listResourceTemplates(cursor)
                .map(r -> new Page<>(r.resourceTemplates(), r.nextCursor())));
    }

    public List<McpSchema.Prompt> prompts() throws ConnectorException {
        return pages("prompts/list", (client, cursor) -> client.listPrompts(cursor)
                .map(r -> new Page<>(r.prompts(), r.nextCursor())));
    }

    public McpSchema.ReadResourceResult read(String uri) throws ConnectorException {
        return read(uri, ClientChannel.NONE);
    }

    /**
     * Reads {@code uri}; what the upstream asks the agent's client on this request's stream (sampling, elicitation,
     * roots, log messages) goes to {@code client}, which decides it ({@link ClientChannel#NONE}: refused).
     */
    public McpSchema.ReadResourceResult read(String uri, ClientChannel client) throws ConnectorException {
        return relayed("resources/read", client, s -> s.client().readResource(new McpSchema.ReadResourceRequest(uri)));
    }

    public McpSchema.GetPromptResult prompt(String name, Map<String, Object> arguments) throws ConnectorException {
        return prompt(name, arguments, ClientChannel.NONE);
    }

    /** Gets a prompt; what the upstream asks the agent's client meanwhile goes to {@code client}, as for a read. */
    public McpSchema.GetPromptResult prompt(String name, Map<String, Object> arguments, ClientChannel client)
            throws ConnectorException {
        return relayed("prompts/get", client, s -> s.client().getPrompt(new McpSchema.GetPromptRequest(name,
                arguments)));
    }

    /** A request during which the upstream may ask {@code client}, attributed like a tool call (by its stream). */
    private <T> T relayed(String method, ClientChannel client, Function<UpstreamSession, Mono<T>> request)
            throws ConnectorException {
        if (client == null || client == ClientChannel.NONE || relay == null) {
            return ask(method, request, UpstreamRelay.NO_CALL_CONTEXT);
        }
        String token = dev.bulwark.spi.Unguessable.uuid().toString();
        relay.begin(token, client);
        try {
            return ask(method, request, reactor.util.context.Context.of(UpstreamRelay.CALL_KEY, token));
        } finally {
            relay.end(token);
        }
    }

    /** Subscribes the gateway's session to updates of {@code uri}; they arrive through {@link UpstreamRelay}. */
    public void subscribe(String uri) throws ConnectorException {
        ask("resources/subscribe", s -> s.client().subscribeResource(new McpSchema.SubscribeRequest(uri))
                .thenReturn(Boolean.TRUE));
    }

    public void unsubscribe(String uri) throws ConnectorException {
        ask("resources/unsubscribe", s -> s.client().unsubscribeResource(new McpSchema.UnsubscribeRequest(uri))
                .thenReturn(Boolean.TRUE));
    }

    public McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) throws ConnectorException {
        return ask("completion/complete", s -> s.client().completeCompletion(request));
    }

    private record Page<T>(List<T> items, String next) {
    }

    private interface PageRequest<T> {
        Mono<Page<T>> page(io.modelcontextprotocol.client.McpAsyncClient client, String cursor);
    }

    private <T> List<T> pages(String method, PageRequest<T> request) throws ConnectorException {
        List<T> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String at = cursor;
            Page<T> got = ask(method, s -> request.page(s.client(), at));
            if (got.items() != null) {
                for (T item : got.items()) {
                    if (all.size() == MAX_ITEMS) {
                        return all;
                    }
                    all.add(item);
                }
            }
            cursor = got.next();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return all;
    }

    private <T> T ask(String method, Function<UpstreamSession, Mono<T>> request) throws ConnectorException {
        // not a tool call: what the upstream asks on this request's stream belongs to no call and is refused
        return ask(method, request, UpstreamRelay.NO_CALL_CONTEXT);
    }

    private <T> T ask(String method, Function<UpstreamSession, Mono<T>> request,
                      reactor.util.context.ContextView attribution) throws ConnectorException {
        UpstreamSession current = session.get();
        if (current == null) {
            throw new ConnectorException("upstream " + upstream + " is unreachable; " + method + " was not sent");
        }
        try {
            T result = request.apply(current).timeout(timeout).contextWrite(attribution).block();
            if (result == null) {
                throw new ConnectorException("upstream " + upstream + " returned no result for " + method);
            }
            return result;
        } catch (RuntimeException e) {
            McpError error = McpErrors.find(e);
            if (error != null) {
                int code = error.getJsonRpcError() == null ? 0 : error.getJsonRpcError().code();
                throw new UpstreamRefusal(code, "upstream " + upstream + " refused " + method + " (JSON-RPC error "
                        + (code == 0 ? "unknown" : String.valueOf(code)) + ")", e);
            }
            if (McpErrors.timedOut(e)) {
                throw new ConnectorException("upstream " + upstream + " did not answer " + method + " within "
                        + timeout.toMillis() + " ms", e);
            }
            throw new ConnectorException("upstream " + upstream + " failed during " + method, e);
        }
    }

    /** The upstream answered with a JSON-RPC error; {@link #code()} is its code (0 when it gave none). */
    public static final class UpstreamRefusal extends ConnectorException {
        private final int code;

        UpstreamRefusal(int code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
