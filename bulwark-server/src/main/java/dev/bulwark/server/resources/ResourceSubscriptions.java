package dev.bulwark.server.resources;

import dev.bulwark.connectors.mcp.UpstreamFeatures;
import dev.bulwark.server.http.McpGate;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.ConnectorException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code resources/subscribe} and {@code resources/unsubscribe} for agents, and the upstreams'
 * {@code notifications/resources/updated} passed to the sessions that subscribed (docs/security/relay.md).
 *
 * <p>A session may subscribe to a URI when the resource would be listed to its principal (the rule of
 * {@code resources/list}: a permit may allow reading it); what was updated is read, decided in full, through
 * {@code resources/read}. The owning upstream must support subscriptions. The upstream session is shared, so the
 * gateway subscribes upstream once per URI and unsubscribes when the last session did. An update is passed on only
 * when it comes from the upstream that owns the URI. Bounded: {@link #MAX_PER_SESSION} URIs per session,
 * {@link #MAX_SUBSCRIPTIONS} in all.
 */
final class ResourceSubscriptions {
    static final int MAX_PER_SESSION = 100;
    static final int MAX_SUBSCRIPTIONS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ResourceSubscriptions.class);

    private final FeatureCatalog catalog;
    private final Map<String, FeatureConnector> connectors;
    private final Map<String, UpstreamFeatures> upstreams;
    private final PolicyEngine policies;
    private final Map<String, Set<String>> sessionsByUri = new ConcurrentHashMap<>();
    private volatile McpStreamableServerTransportProvider transport;

    ResourceSubscriptions(FeatureCatalog catalog, Map<String, FeatureConnector> connectors,
                          Map<String, UpstreamFeatures> upstreams, PolicyEngine policies) {
        this.catalog = catalog;
        this.connectors = Map.copyOf(connectors);
        this.upstreams = Map.copyOf(upstreams);
        this.policies = policies;
    }

    /** Whether some upstream supports subscriptions (one not connected yet may). */
    boolean offered() {
        return upstreams.values().stream().map(UpstreamFeatures::capabilities)
                .anyMatch(c -> c == null || c.resources() != null && Boolean.TRUE.equals(c.resources().subscribe()));
    }

    /** The handlers to install on the front door, which notifies sessions through {@code notifying}. */
    Map<String, McpRequestHandler<?>> handlers(McpStreamableServerTransportProvider notifying, McpJsonMapper json) {
        this.transport = notifying;
        return Map.of(
                McpSchema.METHOD_RESOURCES_SUBSCRIBE, (ex, params) -> Mono.fromCallable(() ->
                        subscribe(ex, json.convertValue(params, McpSchema.SubscribeRequest.class).uri())),
                McpSchema.METHOD_RESOURCES_UNSUBSCRIBE, (ex, params) -> Mono.fromCallable(() ->
                        unsubscribe(ex, json.convertValue(params, McpSchema.UnsubscribeRequest.class).uri())));
    }

    Map<String, Object> subscribe(McpAsyncServerExchange exchange, String uri) throws ConnectorException {
        String session = exchange.sessionId();
        FeatureCatalog.Target target = target(uri);
        Principal principal = exchange.transportContext().get(McpGate.PRINCIPAL) instanceof Principal p ? p : null;
        FeatureConnector connector = connectors.get(target.upstream());
        if (principal == null || connector == null || !mayList(principal, connector, target.subject())) {
            throw McpError.builder(McpResourcesDoor.RESOURCE_NOT_FOUND).message("resource not found").build();
        }
        UpstreamFeatures upstream = upstreams.get(target.upstream());
        McpSchema.ServerCapabilities caps = upstream == null ? null : upstream.capabilities();
        if (caps == null || caps.resources() == null || !Boolean.TRUE.equals(caps.resources().subscribe())) {
            throw McpError.builder(McpSchema.ErrorCodes.METHOD_NOT_FOUND)
                    .message("the resource's server does not support subscriptions").build();
        }
        synchronized (this) {
            Set<String> sessions = sessionsByUri.get(uri);
            if (sessions != null && sessions.contains(session)) {
                return Map.of();
            }
            long mine = sessionsByUri.values().stream().filter(s -> s.contains(session)).count();
            long all = sessionsByUri.values().stream().mapToLong(Set::size).sum();
            if (mine >= MAX_PER_SESSION || all >= MAX_SUBSCRIPTIONS) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message("too many subscriptions")
                        .build();
            }
            if (sessions == null) {
                upstream.subscribe(uri);
                sessions = ConcurrentHashMap.newKeySet();
                sessionsByUri.put(uri, sessions);
            }
            sessions.add(session);
        }
        return Map.of();
    }

    Map<String, Object> unsubscribe(McpAsyncServerExchange exchange, String uri) throws ConnectorException {
        FeatureCatalog.Target target = target(uri);
        synchronized (this) {
            Set<String> sessions = sessionsByUri.get(uri);
            if (sessions == null || !sessions.remove(exchange.sessionId())) {
                return Map.of();
            }
            if (sessions.isEmpty()) {
                sessionsByUri.remove(uri);
                UpstreamFeatures upstream = upstreams.get(target.upstream());
                if (upstream != null) {
                    upstream.unsubscribe(uri);
                }
            }
        }
        return Map.of();
    }

    /** Upstream {@code upstream} says {@code uri} changed: the sessions that subscribed to it are told. */
    void updated(String upstream, String uri) {
        Set<String> sessions = sessionsByUri.get(uri);
        McpStreamableServerTransportProvider notifying = transport;
        if (sessions == null || notifying == null
                || !catalog.resolve(uri).map(t -> t.upstream().equals(upstream)).orElse(false)) {
            return;
        }
        for (String session : sessions) {
            notifying.notifyClient(session, McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED,
                    new McpSchema.ResourcesUpdatedNotification(uri)).subscribe(ignored -> { },
                    e -> LOG.debug("resource update for {} not delivered: {}", session, e.toString()));
        }
    }

    private FeatureCatalog.Target target(String uri) {
        if (uri == null || uri.isBlank() || uri.length() > Subject.MAX_ID_CHARS) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("a uri of at most " + Subject.MAX_ID_CHARS + " characters is needed").build();
        }
        return catalog.resolve(uri).orElseThrow(() -> McpError.builder(McpResourcesDoor.RESOURCE_NOT_FOUND)
                .message("resource not found").build());
    }

    private boolean mayList(Principal principal, FeatureConnector connector, Subject subject) {
        try {
            return policies.mayList(principal, connector.readTool(), subject);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
