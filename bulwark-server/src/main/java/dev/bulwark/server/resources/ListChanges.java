package dev.bulwark.server.resources;

import dev.bulwark.spi.identity.Principal;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.EnumMap;
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
 * to the agent sessions whose principal's lists changed (docs/security/relay.md). On an upstream's change the gateway
 * lists the upstreams afresh once and, for each connected principal, digests what {@code resources/list} and
 * {@code resources/templates/list} (or {@code prompts/list}) would show it; only the sessions of a principal whose
 * digest differs from what it was last shown are told. The notification carries nothing: the agent lists again and
 * sees what policy shows it. Passed on only for a feature whose {@code listChanged} the front door advertises.
 * Bounded: a burst from any number of upstreams becomes at most one round per feature per {@link #COALESCE};
 * sessions and principals as {@link ListWatchers}.
 */
final class ListChanges {
    static final Duration COALESCE = Duration.ofMillis(500);
    static final Set<String> METHODS = Set.of(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED,
            McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED);
    private static final Logger LOG = LoggerFactory.getLogger(ListChanges.class);

    /** A list an agent is shown, and the list change that announces a change of it. */
    enum Shown {
        RESOURCES(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED),
        TEMPLATES(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED),
        PROMPTS(McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED);

        final String announcedBy;

        Shown(String announcedBy) {
            this.announcedBy = announcedBy;
        }

        static List<Shown> announcedBy(String method) {
            return java.util.Arrays.stream(values()).filter(s -> s.announcedBy.equals(method)).toList();
        }
    }

    /** Digests of what principals are shown of the upstreams' lists. */
    interface Views {
        /** Digests against the upstreams listed afresh (asks every upstream). */
        Digests afresh();

        /** Digests against the upstreams as last listed (asks none). */
        Digests cached();
    }

    /** What one listing of the upstreams shows a principal of one list, as a digest. */
    interface Digests {
        String of(Shown list, Principal principal);
    }

    private final Views views;
    private final ListWatchers watchers;
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
    // The JDK's shared delayer; each round runs on a virtual thread of its own, since it lists the upstreams.
    private final Executor later = CompletableFuture.delayedExecutor(COALESCE.toMillis(), TimeUnit.MILLISECONDS,
            round -> Thread.ofVirtual().name("bulwark-list-changes").start(round));
    private volatile Set<String> advertised = Set.of();
    private volatile McpStreamableServerTransportProvider transport;

    ListChanges(Views views, ListWatchers watchers) {
        this.views = views;
        this.watchers = watchers;
    }

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

    /** The front door's transport, through which sessions are notified. */
    void notifying(McpStreamableServerTransportProvider transport) {
        this.transport = transport;
    }

    /**
     * {@code session} is held by {@code principal} (it initialized, or listed); a principal not seen before is
     * digested against the upstreams as last listed. Nothing is kept when no list change is advertised.
     */
    void connected(String session, Principal principal) {
        if (session == null || principal == null || advertised.isEmpty() || watchers.holds(session, principal)) {
            return;
        }
        // A principal already watched keeps its own digests: a baseline (a policy question per shown item) is digested
        // only for one not seen before.
        Map<Shown, String> baseline = new EnumMap<>(Shown.class);
        if (!watchers.watches(principal)) {
            Digests cached = views.cached();
            for (Shown list : Shown.values()) {
                baseline.put(list, cached.of(list, principal));
            }
        }
        watchers.connected(session, principal, baseline);
    }

    /** {@code principal} listed {@code list} on {@code session} and was shown what {@code digest} digests. */
    void shown(String session, Principal principal, Shown list, String digest) {
        if (session == null || principal == null || advertised.isEmpty()) {
            return;
        }
        connected(session, principal);
        watchers.shown(principal, list, digest);
    }

    /** An upstream said its list changed (on its transport's thread: never blocks). */
    void changed(String method) {
        if (!advertised.contains(method) || pending.putIfAbsent(method, Boolean.TRUE) != null) {
            return;
        }
        later.execute(() -> send(method));
    }

    /** One round: rounds run one at a time, so digests are compared and kept in order. */
    private synchronized void send(String method) {
        pending.remove(method);
        McpStreamableServerTransportProvider to = transport;
        Map<String, List<String>> sessions = watchers.sessionsByOwner();
        if (to == null || sessions.isEmpty()) {
            return;
        }
        Digests now;
        try {
            now = views.afresh();
        } catch (RuntimeException e) {
            LOG.warn("upstreams not listed for {}; every session is told: {}", method, e.toString());
            now = null;
        }
        for (Map.Entry<String, List<String>> held : sessions.entrySet()) {
            Principal principal = watchers.principal(held.getKey());
            boolean changed = principal == null || now == null;
            if (!changed) {
                for (Shown list : Shown.announcedBy(method)) {
                    changed |= watchers.changed(held.getKey(), list, now.of(list, principal));
                }
            }
            if (changed) {
                held.getValue().forEach(session -> tell(to, session, method));
            }
        }
    }

    private void tell(McpStreamableServerTransportProvider to, String session, String method) {
        to.notifyClient(session, method, null).subscribe(null, e -> {
            LOG.debug("{} not passed to session {}: {}", method, session, e.toString());
            watchers.forget(session);
        });
    }
}
