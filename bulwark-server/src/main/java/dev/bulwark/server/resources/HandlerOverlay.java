package dev.bulwark.server.resources;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.DefaultMcpStreamableServerSessionFactory;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * A transport provider that hands the SDK server's sessions Bulwark's own handlers for some methods. The SDK (mcp-core
 * 2.1.0) serves resources and prompts only from one table shared by every client, with no per-client filter; the
 * gateway lists and reads them per principal, so it answers those methods itself. The SDK offers no hook for that,
 * so the session factory's handler table is replaced once, when the server installs the factory (and its
 * {@code notifications/initialized} handler extended, so the gateway learns which principal holds which session for
 * list changes); if the SDK changes
 * so that this is impossible, the gateway refuses to start rather than serve unfiltered lists.
 */
final class HandlerOverlay implements McpStreamableServerTransportProvider {
    private final McpStreamableServerTransportProvider delegate;
    private final Map<String, McpRequestHandler<?>> handlers;
    private final Consumer<McpAsyncServerExchange> initialized;

    /**
     * @param initialized told of each session that has initialized (after the SDK's own handling); it must not block
     */
    HandlerOverlay(McpStreamableServerTransportProvider delegate, Map<String, McpRequestHandler<?>> handlers,
                   Consumer<McpAsyncServerExchange> initialized) {
        this.delegate = delegate;
        this.handlers = Map.copyOf(handlers);
        this.initialized = initialized;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        delegate.setSessionFactory(overlaid(factory, handlers, initialized));
    }

    @SuppressWarnings("unchecked")
    static McpStreamableServerSession.Factory overlaid(McpStreamableServerSession.Factory factory,
                                                       Map<String, McpRequestHandler<?>> handlers,
                                                       Consumer<McpAsyncServerExchange> initialized) {
        if (!(factory instanceof DefaultMcpStreamableServerSessionFactory standard)) {
            throw new IllegalStateException("the MCP SDK's session factory is not the one Bulwark extends ("
                    + factory.getClass().getName() + "); resources and prompts cannot be governed");
        }
        try {
            Field field = DefaultMcpStreamableServerSessionFactory.class.getDeclaredField("requestHandlers");
            field.setAccessible(true);
            Map<String, McpRequestHandler<?>> table = new HashMap<>(
                    (Map<String, McpRequestHandler<?>>) field.get(standard));
            table.putAll(handlers);
            field.set(standard, Map.copyOf(table));
            Field notifications = DefaultMcpStreamableServerSessionFactory.class
                    .getDeclaredField("notificationHandlers");
            notifications.setAccessible(true);
            Map<String, McpNotificationHandler> told = new HashMap<>(
                    (Map<String, McpNotificationHandler>) notifications.get(standard));
            McpNotificationHandler sdk = told.get(McpSchema.METHOD_NOTIFICATION_INITIALIZED);
            told.put(McpSchema.METHOD_NOTIFICATION_INITIALIZED, (exchange, params) ->
                    (sdk == null ? Mono.<Void>empty() : sdk.handle(exchange, params))
                            .then(Mono.fromRunnable(() -> initialized.accept(exchange))));
            notifications.set(standard, Map.copyOf(told));
            return standard;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install Bulwark's resource and prompt handlers in the MCP SDK", e);
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
