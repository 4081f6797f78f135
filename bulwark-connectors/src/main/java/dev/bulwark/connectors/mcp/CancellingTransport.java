package dev.bulwark.connectors.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport that remembers the JSON-RPC id of each {@code tools/call} it sends, by the call's progress
 * token, so that a call the gateway gave up on can be cancelled upstream with {@code notifications/cancelled}.
 *
 * <p>The SDK generates request ids privately and offers no way to cancel a request; the progress token is ours (one
 * per call), so it is the key. It also shows each raw {@code tools/list} result to {@link ListedExecutions}, since
 * the SDK's tool record drops {@code execution}. Everything else is passed to the wrapped transport unchanged.
 */
final class CancellingTransport implements McpClientTransport {
    static final String METHOD_CANCELLED = "notifications/cancelled";
    private final McpClientTransport delegate;
    private final Map<String, Object> requestIds = new ConcurrentHashMap<>();
    private final UpstreamRelay relay;
    private final ListedExecutions executions;

    CancellingTransport(McpClientTransport delegate) {
        this(delegate, null, null);
    }

    /**
     * Also hands what the upstream asks of the agent's client to {@code relay} (none when {@code null}), and reads the
     * tools' {@code execution} into {@code executions} (not read when {@code null}).
     */
    CancellingTransport(McpClientTransport delegate, UpstreamRelay relay, ListedExecutions executions) {
        this.delegate = delegate;
        this.relay = relay;
        this.executions = executions;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(relay == null ? handler : relay.around(handler, delegate::sendMessage));
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.defer(() -> {
            if (message instanceof McpSchema.JSONRPCRequest request
                    && McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                    && request.params() instanceof McpSchema.CallToolRequest call
                    && call.progressToken() != null && request.id() != null) {
                requestIds.put(String.valueOf(call.progressToken()), request.id());
            }
            return delegate.sendMessage(message);
        });
    }

    /** The id the call with this progress token was sent under, if it was sent. */
    Optional<Object> requestIdOf(String progressToken) {
        return Optional.ofNullable(requestIds.get(progressToken));
    }

    /** Forgets the call with this progress token; every call is forgotten when it ends. */
    void forget(String progressToken) {
        requestIds.remove(progressToken);
    }

    /**
     * Tells the upstream that the gateway no longer waits for the call with this progress token. Completes empty when
     * the call was never sent; the upstream may ignore the notification, as the protocol allows.
     */
    Mono<Void> cancel(String progressToken, String reason) {
        return Mono.defer(() -> {
            Object id = requestIds.remove(progressToken);
            if (id == null) {
                return Mono.empty();
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("requestId", id);
            params.put("reason", reason);
            return delegate.sendMessage(new McpSchema.JSONRPCNotification(METHOD_CANCELLED, params));
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        T value = delegate.unmarshalFrom(data, typeRef);
        if (executions != null && value instanceof McpSchema.ListToolsResult listed) {
            executions.record(data, listed);
        }
        return value;
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
