package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.Unguessable;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * A connector proxying one upstream MCP server. Its tools are offered as {@code <connector>.<tool>} only while their
 * pin allows it; everything they return is labelled {@code untrusted}. The tool list is refreshed on
 * {@link #refresh()} (also at {@link #open}) and whenever the upstream announces a change.
 *
 * <p>Fails closed: an unreachable upstream or a failing pin store offers no tools, and a call to a tool that is not
 * approved, or whose approval another replica has withdrawn, is refused without reaching the upstream.
 *
 * <p>All calls share one upstream session; the SDK matches concurrent responses to requests by id. What the upstream
 * asks of the agent's client during a call (sampling, elicitation, roots, log messages) is attributed to that call
 * and passed to the call's {@link dev.bulwark.spi.tool.ClientChannel} by {@link UpstreamRelay}. A call that
 * times out is cancelled upstream ({@code notifications/cancelled}); output above {@link SdkContent#MAX_OUTPUT_CHARS}
 * characters is refused; tools whose description or schema exceed the bounds of {@link UpstreamTool} are withheld.
 * Nothing here waits on Reactor's shared {@code boundedElastic} pool, which callers blocked in {@link #call} may fill.
 */
public final class McpUpstreamConnector implements Connector {
    public static final String UNTRUSTED = "untrusted";
    public static final String CHANGED_UPSTREAM = "tool changed upstream; awaiting re-approval";
    public static final String AWAITING_APPROVAL = "tool awaiting approval by an administrator";
    private static final System.Logger LOG = System.getLogger(McpUpstreamConnector.class.getName());

    private final UpstreamServer config;
    private final ToolPins pins;
    private final Clock clock;
    private final Set<String> labels;
    private final Map<String, ProgressRelay> progress = new ConcurrentHashMap<>();
    private final UpstreamRelay relay;
    /** The {@code execution} of listed tools, which the SDK's tool record cannot carry; kept across reconnections. */
    private final ListedExecutions executions = new ListedExecutions();
    private final Object connection = new Object();
    private final Object catalogLock = new Object();
    /** Applies announced tool lists; the connector's own thread, so it never waits for a pool its callers fill. */
    private final ExecutorService listChanges;
    private volatile UpstreamSession session;
    private volatile UpstreamCatalog catalog = UpstreamCatalog.EMPTY;
    /**
     * The offered tools of the catalog they were read from: the same list while the catalog is the same, so the tool
     * registry (which re-indexes a connector whose list changed) does not re-index this one on every call.
     */
    private volatile Offered offered = new Offered(null, List.of());

    private record Offered(UpstreamCatalog from, List<Tool> tools) {
    }
    private volatile UpstreamStatus status;
    private volatile boolean closed;

    public McpUpstreamConnector(UpstreamServer config, ToolPins pins, Clock clock) {
        this.config = config;
        this.pins = pins;
        this.clock = clock;
        Set<String> all = new HashSet<>(config.labels());
        all.add(UNTRUSTED);
        this.labels = Set.copyOf(all);
        this.status = new UpstreamStatus(false, Optional.of("not started"), 0, 0, List.of(), clock.instant());
        this.relay = new UpstreamRelay(config.name());
        this.listChanges = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("bulwark-upstream-" + config.name() + "-tools").factory());
    }

    /** Creates the connector and refreshes it once; an unreachable upstream leaves it offering no tools. */
    public static McpUpstreamConnector open(UpstreamServer config, ToolPins pins) {
        McpUpstreamConnector connector = new McpUpstreamConnector(config, pins, Clock.systemUTC());
        connector.refresh();
        return connector;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String toolPrefix() {
        return config.toolPrefix();
    }

    public UpstreamServer config() {
        return config;
    }

    /**
     * The upstream's resources, prompts and completions, over the session its tools use (none while it is
     * unreachable). Callers decide and screen; see {@link UpstreamFeatures}.
     */
    /**
     * Passes the URI of each {@code notifications/resources/updated} the upstream sends to {@code listener} (on the
     * transport's thread: it must not block).
     */
    public void onResourceUpdated(java.util.function.Consumer<String> listener) {
        relay.onResourceUpdated(listener);
    }

    /**
     * Passes the method of each {@code notifications/resources/list_changed} and
     * {@code notifications/prompts/list_changed} the upstream sends to {@code listener} (on the transport's thread: it
     * must not block).
     */
    public void onListChanged(java.util.function.Consumer<String> listener) {
        relay.onListChanged(listener);
    }

    public UpstreamFeatures features() {
        return new UpstreamFeatures(config.name(), config.timeout(), () -> session, relay);
    }

    @Override
    public List<Tool> tools() {
        UpstreamCatalog current = catalog;
        Offered last = offered;
        if (last.from() == current) {
            return last.tools();
        }
        Offered fresh = new Offered(current, current.offered());
        offered = fresh;
        return fresh.tools();
    }

    /**
     * Connects if needed, lists the upstream's tools and applies their pins. Never throws: failures are reported in
     * the returned status, and the connector then offers no tools.
     */
    public UpstreamStatus refresh() {
        synchronized (connection) {
            if (closed) {
                return status;
            }
            List<McpSchema.Tool> listed;
            try {
                listed = listTools(connected());
            } catch (RuntimeException first) {
                disconnect();
                try {
                    listed = listTools(connected());
                } catch (RuntimeException again) {
                    disconnect();
                    LOG.log(System.Logger.Level.WARNING, "upstream " + config.name() + " at " + config.location()
                            + " is unreachable: " + rootCause(again));
                    synchronized (catalogLock) {
                        catalog = UpstreamCatalog.EMPTY;
                        status = new UpstreamStatus(false, Optional.of("upstream unreachable at " + config.location()),
                                0, 0, List.of(), clock.instant());
                    }
                    return status;
                }
            }
            return apply(listed);
        }
    }

    /** The state as of the last refresh. */
    public UpstreamStatus status() {
        return status;
    }

    /** All pins of this connector's tools, with their status and, for changed tools, what is awaiting review. */
    public List<ToolPin> pins() {
        return pins.list(config.name());
    }

    /**
     * Approves the definition of {@code toolName} last seen upstream and offers the tool again.
     *
     * @throws IllegalArgumentException when no pin exists for the tool
     */
    public ToolPin approve(String toolName) {
        return approve(toolName, Optional.empty());
    }

    /**
     * Approves the definition of {@code toolName} only if it is still the one the administrator reviewed, so a change
     * slipped in between review and approval is not approved unseen.
     *
     * @throws IllegalArgumentException when no pin exists, or the seen definition no longer has {@code reviewedHash}
     */
    public ToolPin approve(String toolName, String reviewedHash) {
        return approve(toolName, Optional.of(reviewedHash));
    }

    private ToolPin approve(String toolName, Optional<String> reviewedHash) {
        synchronized (catalogLock) {
            ToolPin pin = pins.find(toolName)
                    .filter(p -> p.connector().equals(config.name()))
                    .orElseThrow(() -> new IllegalArgumentException("no pinned tool " + toolName + " in upstream "
                            + config.name()));
            if (reviewedHash.isPresent() && !reviewedHash.get().equals(pin.seenHash())) {
                throw new IllegalArgumentException("tool " + toolName + " changed again since it was reviewed");
            }
            ToolPin approved = pin.status() == PinStatus.APPROVED ? pin : pin.approved(clock.instant());
            pins.save(approved);
            catalog = catalog.withPin(approved);
            status = catalog.status(status.connected(), status.problem(), clock.instant());
            return approved;
        }
    }

    @Override
    public ToolResult call(ToolCall call, ProgressListener listener) throws ConnectorException {
        String toolName = call.tool().name();
        if (!call.tool().connector().equals(config.name())) {
            throw new ConnectorException("tool " + toolName + " does not belong to upstream " + config.name());
        }
        UpstreamCatalog.Entry entry = catalog.entry(call.tool().localName())
                .orElseThrow(() -> new ConnectorException("upstream tool " + toolName + " is not offered"));
        requireApproved(toolName, entry);
        UpstreamSession current = session;
        if (current == null) {
            throw new ConnectorException("upstream " + config.name() + " is unreachable; the call was not made");
        }
        String token = Unguessable.uuid().toString();
        progress.put(token, new ProgressRelay(listener));
        relay.begin(token, listener.client());
        reactor.core.publisher.Sinks.Empty<Void> cancelled = reactor.core.publisher.Sinks.empty();
        listener.client().onCancelled(cancelled::tryEmitEmpty);
        try {
            McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder(entry.definition().upstreamName())
                    .arguments(new LinkedHashMap<>(call.arguments()))
                    .progressToken(token)
                    .build();
            McpSchema.CallToolResult result = current.client().callTool(request).timeout(config.timeout())
                    .contextWrite(reactor.util.context.Context.of(UpstreamRelay.CALL_KEY, token))
                    .or(cancelled.asMono().then(Mono.error(CancelledByAgent::new))).block();
            if (result == null) {
                throw new ConnectorException("upstream " + config.name() + " returned no result for " + toolName);
            }
            return SdkContent.toResult(result, SdkContent.MAX_OUTPUT_CHARS);
        } catch (SdkContent.OversizedOutputException e) {
            throw new ConnectorException("upstream tool " + toolName + " returned too much ("
                    + e.getMessage() + "); the output was withheld", e);
        } catch (RuntimeException e) {
            if (causedBy(e, CancelledByAgent.class)) {
                cancelUpstream(current, token, toolName, "cancelled by the agent");
                throw new ConnectorException("the agent cancelled the call to " + toolName
                        + "; the upstream was told to stop", e);
            }
            if (causedBy(e, TimeoutException.class)) {
                cancelUpstream(current, token, toolName, "timed out after " + config.timeout().toMillis()
                        + " ms at the gateway");
            }
            throw failure(toolName, e);
        } finally {
            relay.end(token);
            progress.remove(token);
            current.transport().forget(token);
        }
    }

    /** Tells the upstream to stop working on a call nobody waits for any more; best effort, never blocks the caller. */
    private void cancelUpstream(UpstreamSession current, String token, String toolName, String reason) {
        current.transport().cancel(token, reason)
                .timeout(config.timeout())
                .subscribe(ignored -> { }, e -> LOG.log(System.Logger.Level.DEBUG, "upstream " + config.name()
                        + ": could not cancel the call to " + toolName + ": " + rootCause(e)));
    }

    /** The agent cancelled the call (relayed {@code notifications/cancelled}). */
    private static final class CancelledByAgent extends RuntimeException {
        CancelledByAgent() {
            super("cancelled by the agent", null, false, false);
        }
    }

    private void requireApproved(String toolName, UpstreamCatalog.Entry entry) throws ConnectorException {
        Optional<ToolPin> pin;
        try {
            // The shared store is the authority, read before every call: another replica may have blocked the tool
            // since our last refresh (it saw the upstream change the definition). Only a refusal reads the whole pin,
            // to say why.
            if (pins.allows(toolName, entry.hash())) {
                return;
            }
            pin = pins.find(toolName);
        } catch (RuntimeException e) {
            throw new ConnectorException("cannot check the approval of " + toolName + "; the call was not made", e);
        }
        if (pin.isPresent() && pin.get().allows(entry.hash())) {
            return;
        }
        boolean pending = pin.map(p -> p.status() == PinStatus.PENDING).orElse(entry.status() == PinStatus.PENDING);
        throw new ConnectorException(pending ? AWAITING_APPROVAL : CHANGED_UPSTREAM);
    }

    private ConnectorException failure(String toolName, RuntimeException e) {
        if (causedBy(e, TimeoutException.class)) {
            return new ConnectorException("upstream tool " + toolName + " did not answer within "
                    + config.timeout().toMillis() + " ms", e);
        }
        McpError error = cause(e, McpError.class);
        if (error != null) {
            // The upstream's own message is untrusted text; only its code is passed on.
            String code = error.getJsonRpcError() == null ? "unknown" : String.valueOf(error.getJsonRpcError().code());
            return new ConnectorException("upstream " + config.name() + " refused the call to " + toolName
                    + " (JSON-RPC error " + code + ")", e);
        }
        return new ConnectorException("upstream " + config.name() + " failed during the call to " + toolName
                + "; it may or may not have been carried out", e);
    }

    private UpstreamSession connected() {
        UpstreamSession current = session;
        if (current == null) {
            current = SdkClients.connect(config, this::onToolsChanged, this::onProgress, relay, executions);
            session = current;
        }
        return current;
    }

    private List<McpSchema.Tool> listTools(UpstreamSession current) {
        McpSchema.ListToolsResult result = current.client().listTools().timeout(config.timeout())
                .contextWrite(UpstreamRelay.NO_CALL_CONTEXT).block();
        return result == null || result.tools() == null ? List.of() : result.tools();
    }

    private void disconnect() {
        UpstreamSession current = session;
        session = null;
        if (current != null) {
            SdkClients.close(current.client());
        }
    }

    private UpstreamStatus apply(List<McpSchema.Tool> listed) {
        synchronized (catalogLock) {
            try {
                catalog = UpstreamCatalog.build(config, labels, listed, executions, pins, clock.instant());
                catalog.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, "upstream " + config.name()
                        + ": " + w));
                status = catalog.status(true, Optional.empty(), clock.instant());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "upstream " + config.name() + ": cannot apply tool pins", e);
                catalog = UpstreamCatalog.EMPTY;
                status = new UpstreamStatus(true, Optional.of("tool pins unavailable; no tools offered"), 0, 0,
                        List.of(), clock.instant());
            }
            return status;
        }
    }

    private Mono<Void> onToolsChanged(List<McpSchema.Tool> listed) {
        // Pins may live in a database: apply them off the transport's threads, and not on Reactor's shared
        // boundedElastic pool, which callers blocked in call() may have exhausted.
        return Mono.fromRunnable(() -> {
            try {
                listChanges.execute(() -> {
                    if (!closed) {
                        apply(listed);
                    }
                });
            } catch (RejectedExecutionException e) {
                // closed meanwhile: the change no longer matters
            }
        });
    }

    private Mono<Void> onProgress(McpSchema.ProgressNotification notification) {
        return Mono.fromRunnable(() -> {
            ProgressRelay relay = progress.get(String.valueOf(notification.progressToken()));
            if (relay != null) {
                relay.accept(notification.progress(), notification.total(), notification.message());
            }
        });
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return type.cast(suppressed);
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        synchronized (connection) {
            closed = true;
            disconnect();
            catalog = UpstreamCatalog.EMPTY;
            listChanges.shutdown();
            relay.close();
        }
    }
}
