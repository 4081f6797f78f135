package dev.bulwark.server.resources;

import dev.bulwark.connectors.mcp.UpstreamFeatures;
import dev.bulwark.server.http.McpGate;
import dev.bulwark.server.resources.SubscriptionRecords.Action;
import dev.bulwark.spi.audit.Outcome;
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
 * {@link #MAX_SUBSCRIPTIONS} in all. Every request is audited ({@link SubscriptionRecords}), allowed or refused; one
 * that cannot be audited is refused (fail closed).
 */
final class ResourceSubscriptions {
    static final int MAX_PER_SESSION = 100;
    static final int MAX_SUBSCRIPTIONS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ResourceSubscriptions.class);

    /** What subscriptions need of an upstream ({@link UpstreamFeatures} in the gateway). */
    interface Upstream {
        /** Its capabilities, {@code null} while not connected. */
        McpSchema.ServerCapabilities capabilities();

        void subscribe(String uri) throws ConnectorException;

        void unsubscribe(String uri) throws ConnectorException;

        static Upstream of(UpstreamFeatures features) {
            return new Upstream() {
                @Override
                public McpSchema.ServerCapabilities capabilities() {
                    return features.capabilities();
                }

                @Override
                public void subscribe(String uri) throws ConnectorException {
                    features.subscribe(uri);
                }

                @Override
                public void unsubscribe(String uri) throws ConnectorException {
                    features.unsubscribe(uri);
                }
            };
        }
    }

    /** The sessions subscribed to one URI, and the upstream it was subscribed at (to unsubscribe there). */
    private record Watched(String upstream, Set<String> sessions) {}

    private final FeatureCatalog catalog;
    private final Map<String, FeatureConnector> connectors;
    private final Map<String, Upstream> upstreams;
    private final PolicyEngine policies;
    private final SubscriptionRecords records;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private volatile McpStreamableServerTransportProvider transport;

    ResourceSubscriptions(FeatureCatalog catalog, Map<String, FeatureConnector> connectors,
                          Map<String, Upstream> upstreams, PolicyEngine policies, SubscriptionRecords records) {
        this.catalog = catalog;
        this.connectors = Map.copyOf(connectors);
        this.upstreams = Map.copyOf(upstreams);
        this.policies = policies;
        this.records = records;
    }

    /** Whether some upstream supports subscriptions (one not connected yet may). */
    boolean offered() {
        return upstreams.values().stream().map(Upstream::capabilities)
                .anyMatch(c -> c == null || c.resources() != null && Boolean.TRUE.equals(c.resources().subscribe()));
    }

    /** The handlers to install on the front door, which notifies sessions through {@code notifying}. */
    Map<String, McpRequestHandler<?>> handlers(McpStreamableServerTransportProvider notifying, McpJsonMapper json) {
        this.transport = notifying;
        return Map.of(
                McpSchema.METHOD_RESOURCES_SUBSCRIBE, (ex, params) -> Mono.fromCallable(() -> subscribe(
                        ex.sessionId(), principal(ex), json.convertValue(params, McpSchema.SubscribeRequest.class)
                                .uri())),
                McpSchema.METHOD_RESOURCES_UNSUBSCRIBE, (ex, params) -> Mono.fromCallable(() -> unsubscribe(
                        ex.sessionId(), principal(ex), json.convertValue(params, McpSchema.UnsubscribeRequest.class)
                                .uri())));
    }

    private static Principal principal(McpAsyncServerExchange exchange) {
        return exchange.transportContext().get(McpGate.PRINCIPAL) instanceof Principal p ? p : null;
    }

    Map<String, Object> subscribe(String session, Principal principal, String uri) throws ConnectorException {
        if (!wellFormed(uri)) {
            throw refuse(Action.SUBSCRIBE, principal, session, null, uri, "invalid uri", invalidUri());
        }
        FeatureCatalog.Target target = catalog.resolve(uri).orElse(null);
        if (target == null) {
            throw refuse(Action.SUBSCRIBE, principal, session, null, uri, "unknown uri", notFound());
        }
        FeatureConnector connector = connectors.get(target.upstream());
        if (principal == null || connector == null || !mayList(principal, connector, target.subject())) {
            // the same answer as for an unknown URI: existence is not revealed
            throw refuse(Action.SUBSCRIBE, principal, session, target.upstream(), uri, "not permitted", notFound());
        }
        Upstream upstream = upstreams.get(target.upstream());
        McpSchema.ServerCapabilities caps = upstream == null ? null : upstream.capabilities();
        if (caps == null || caps.resources() == null || !Boolean.TRUE.equals(caps.resources().subscribe())) {
            throw refuse(Action.SUBSCRIBE, principal, session, target.upstream(), uri,
                    "upstream lacks the capability", McpError.builder(McpSchema.ErrorCodes.METHOD_NOT_FOUND)
                            .message("the resource's server does not support subscriptions").build());
        }
        synchronized (this) {
            Watched current = watched.get(uri);
            if (current != null && current.sessions().contains(session)) {
                audited(Action.SUBSCRIBE, Outcome.SUCCEEDED, "already subscribed", principal, session,
                        target.upstream(), uri);
                return Map.of();
            }
            long mine = watched.values().stream().filter(w -> w.sessions().contains(session)).count();
            long all = watched.values().stream().mapToLong(w -> w.sessions().size()).sum();
            if (mine >= MAX_PER_SESSION || all >= MAX_SUBSCRIPTIONS) {
                throw refuse(Action.SUBSCRIBE, principal, session, target.upstream(), uri, "bound reached",
                        McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message("too many subscriptions")
                                .build());
            }
            boolean first = current == null;
            if (first) {
                try {
                    upstream.subscribe(uri);
                } catch (ConnectorException | RuntimeException e) {
                    audited(Action.SUBSCRIBE, Outcome.FAILED, "upstream failed", principal, session,
                            target.upstream(), uri);
                    throw e;
                }
                current = new Watched(target.upstream(), ConcurrentHashMap.newKeySet());
                watched.put(uri, current);
            }
            current.sessions().add(session);
            try {
                records.record(Action.SUBSCRIBE, Outcome.SUCCEEDED, "", principal, session, target.upstream(), uri);
            } catch (RuntimeException e) {
                current.sessions().remove(session);
                if (first) {
                    watched.remove(uri);
                    unsubscribeQuietly(upstream, uri);
                }
                throw notAudited(Action.SUBSCRIBE, e);
            }
        }
        return Map.of();
    }

    Map<String, Object> unsubscribe(String session, Principal principal, String uri) {
        if (!wellFormed(uri)) {
            throw refuse(Action.UNSUBSCRIBE, principal, session, null, uri, "invalid uri", invalidUri());
        }
        synchronized (this) {
            Watched current = watched.get(uri);
            if (current == null || !current.sessions().contains(session)) {
                audited(Action.UNSUBSCRIBE, Outcome.SUCCEEDED, "not subscribed", principal, session, null, uri);
                return Map.of();
            }
            // recorded before it takes effect: an unsubscription that cannot be audited changes nothing
            audited(Action.UNSUBSCRIBE, Outcome.SUCCEEDED, "", principal, session, current.upstream(), uri);
            current.sessions().remove(session);
            if (current.sessions().isEmpty()) {
                watched.remove(uri);
                Upstream upstream = upstreams.get(current.upstream());
                if (upstream != null) {
                    unsubscribeQuietly(upstream, uri);
                }
            }
        }
        return Map.of();
    }

    /** Upstream {@code upstream} says {@code uri} changed: the sessions that subscribed to it are told. */
    void updated(String upstream, String uri) {
        Watched current = watched.get(uri);
        McpStreamableServerTransportProvider notifying = transport;
        if (current == null || notifying == null
                || !catalog.resolve(uri).map(t -> t.upstream().equals(upstream)).orElse(false)) {
            return;
        }
        for (String session : current.sessions()) {
            notifying.notifyClient(session, McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED,
                    new McpSchema.ResourcesUpdatedNotification(uri)).subscribe(ignored -> { },
                    e -> LOG.debug("resource update for {} not delivered: {}", session, e.toString()));
        }
    }

    /** Records a refusal and answers the error to throw; the refusal stands whether or not the record is written. */
    private McpError refuse(Action action, Principal principal, String session, String connector, String uri,
                            String reason, McpError error) {
        try {
            records.record(action, Outcome.DENIED, reason, principal, session, connector, uri);
        } catch (RuntimeException e) {
            LOG.error("could not audit a refused {}: {}", action.recorded, e.toString());
        }
        return error;
    }

    private void audited(Action action, Outcome outcome, String reason, Principal principal, String session,
                         String connector, String uri) {
        try {
            records.record(action, outcome, reason, principal, session, connector, uri);
        } catch (RuntimeException e) {
            throw notAudited(action, e);
        }
    }

    private static McpError notAudited(Action action, RuntimeException e) {
        LOG.error("could not audit {}; refused: {}", action.recorded, e.toString());
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("internal error").build();
    }

    private static void unsubscribeQuietly(Upstream upstream, String uri) {
        try {
            upstream.unsubscribe(uri);
        } catch (ConnectorException | RuntimeException e) {
            LOG.warn("upstream unsubscription failed: {}", e.toString());
        }
    }

    private static boolean wellFormed(String uri) {
        return uri != null && !uri.isBlank() && uri.length() <= Subject.MAX_ID_CHARS;
    }

    private static McpError invalidUri() {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                .message("a uri of at most " + Subject.MAX_ID_CHARS + " characters is needed").build();
    }

    private static McpError notFound() {
        return McpError.builder(McpResourcesDoor.RESOURCE_NOT_FOUND).message("resource not found").build();
    }

    private boolean mayList(Principal principal, FeatureConnector connector, Subject subject) {
        try {
            return policies.mayList(principal, connector.readTool(), subject);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
