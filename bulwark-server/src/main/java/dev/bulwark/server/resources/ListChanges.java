package dev.bulwark.server.resources;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstreams' {@code notifications/resources/list_changed} and {@code notifications/prompts/list_changed}, passed
 * to every connected agent (docs/security/relay.md). The notification carries nothing: each agent lists again and sees
 * what policy shows it. Passed on only for a feature whose {@code listChanged} the front door advertises. Bounded: a
 * burst from any number of upstreams becomes one notification per feature per {@link #COALESCE}.
 */
final class ListChanges {
    static final Duration COALESCE = Duration.ofMillis(500);
    static final Set<String> METHODS = Set.of(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED,
            McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED);
    private static final Logger LOG = LoggerFactory.getLogger(ListChanges.class);

    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
    // The JDK's shared delayer: no thread of its own to leak when the gateway stops; sending never blocks.
    private final Executor later = CompletableFuture.delayedExecutor(COALESCE.toMillis(), TimeUnit.MILLISECONDS);
    private volatile Set<String> advertised = Set.of();
    private volatile McpStreamableServerTransportProvider transport;

    /**
     * Whether an upstream declares {@code listChanged} for the feature of {@code method}; one not connected yet
     * ({@code null}) may.
     */
    static boolean declared(McpSchema.ServerCapabilities theirs, String method) {
        if (theirs == null) {
            return true;
        }
        return switch (method) {
            case McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED ->
                    theirs.resources() != null && Boolean.TRUE.equals(theirs.resources().listChanged());
            case McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED ->
                    theirs.prompts() != null && Boolean.TRUE.equals(theirs.prompts().listChanged());
            default -> throw new IllegalArgumentException("not a relayed list change: " + method);
        };
    }

    /**
     * Fixes, and answers, the list changes the front door advertises: those some upstream declares (one not connected
     * yet may). No others are ever passed on.
     */
    Set<String> advertise(List<McpSchema.ServerCapabilities> upstreams) {
        Set<String> methods = new HashSet<>();
        for (String method : METHODS) {
            if (upstreams.stream().anyMatch(c -> declared(c, method))) {
                methods.add(method);
            }
        }
        this.advertised = Set.copyOf(methods);
        return advertised;
    }

    /** The front door's transport, through which every session is notified. */
    void notifying(McpStreamableServerTransportProvider transport) {
        this.transport = transport;
    }

    /** An upstream said its list changed (on its transport's thread: never blocks). */
    void changed(String method) {
        if (!advertised.contains(method) || pending.putIfAbsent(method, Boolean.TRUE) != null) {
            return;
        }
        later.execute(() -> send(method));
    }

    private void send(String method) {
        pending.remove(method);
        McpStreamableServerTransportProvider to = transport;
        if (to == null) {
            return;
        }
        to.notifyClients(method, null).subscribe(null,
                e -> LOG.warn("{} not passed to the agents: {}", method, e.toString()));
    }
}
