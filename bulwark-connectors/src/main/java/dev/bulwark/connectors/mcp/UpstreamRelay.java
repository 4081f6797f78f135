package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.tool.ClientChannel;
import dev.bulwark.spi.tool.ClientRequestRefused;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Passes what an upstream sends to the agent's client while a call runs (requests for sampling, elicitation and
 * roots; log messages) to the {@link ClientChannel} of the call it belongs to, and the client's answer back.
 *
 * <p>Attribution (one upstream session serves every caller, so this is what keeps one agent's client from answering
 * for another): a message that arrives on the response stream of a call's {@code tools/call} belongs to that call
 * (the transport runs our handler in the Reactor context of the request that opened the stream, which carries
 * {@link #CALL_KEY}). A message on the upstream's standalone stream belongs to the call in flight only when exactly one
 * call of this upstream is; otherwise, or when its call has ended, or when it came on the stream of a request that is
 * not a tool call ({@link #NO_CALL_CONTEXT}), a request is refused and a log message dropped.
 *
 * <p>Bounds: at most {@link #MAX_CONCURRENT} requests at once per upstream, at most {@link #MAX_LOGS_PER_CALL} log
 * messages per call. Requests wait for the client on their own threads, never on the transport's; log messages of a
 * call are delivered in order, and all of them before the call's result.
 */
final class UpstreamRelay implements AutoCloseable {
    static final String CALL_KEY = "bulwark.relay.call";
    /**
     * The context of the gateway's requests that are not tool calls (lists, resource reads, prompts, completions):
     * what the upstream sends on their streams belongs to no call, and is refused rather than attributed to the one
     * call that happens to be in flight.
     */
    static final reactor.util.context.Context NO_CALL_CONTEXT = reactor.util.context.Context.of(CALL_KEY,
            "bulwark.relay.no-call");
    static final int MAX_CONCURRENT = 8;
    static final int MAX_LOGS_PER_CALL = 100;
    /** How long the end of a call waits for its log messages to reach the client. */
    static final Duration LOG_DRAIN = Duration.ofSeconds(2);
    static final Set<String> REQUESTS = Set.of(McpSchema.METHOD_SAMPLING_CREATE_MESSAGE,
            McpSchema.METHOD_ELICITATION_CREATE, McpSchema.METHOD_ROOTS_LIST);
    /** The list changes passed to the front door (tools have their own path: the SDK re-lists them, pins apply). */
    static final Set<String> LIST_CHANGES = Set.of(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED,
            McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED);
    private static final System.Logger LOG = System.getLogger(UpstreamRelay.class.getName());

    private final String connector;
    private final Map<String, InFlight> calls = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private final ExecutorService workers;
    private volatile java.util.function.Consumer<String> resourceUpdates = uri -> { };
    private volatile java.util.function.Consumer<String> listChanges = method -> { };

    private static final class InFlight {
        final ClientChannel channel;
        final AtomicInteger logs = new AtomicInteger();
        CompletableFuture<Void> delivered = CompletableFuture.completedFuture(null);

        InFlight(ClientChannel channel) {
            this.channel = channel;
        }
    }

    UpstreamRelay(String connector) {
        this.connector = connector;
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
                .name("bulwark-relay-" + connector + "-", 0).factory());
    }

    /** The call with this progress token is running; what the upstream asks during it goes to {@code channel}. */
    void begin(String token, ClientChannel channel) {
        calls.put(token, new InFlight(channel));
    }

    /** Where the upstream's {@code notifications/resources/updated} go (by URI); by default nowhere. */
    void onResourceUpdated(java.util.function.Consumer<String> listener) {
        this.resourceUpdates = java.util.Objects.requireNonNull(listener, "listener");
    }

    /**
     * Where the upstream's {@code notifications/resources/list_changed} and {@code notifications/prompts/list_changed}
     * go (by method); by default nowhere. The SDK client never sees them: the gateway lists afresh on each request.
     */
    void onListChanged(java.util.function.Consumer<String> listener) {
        this.listChanges = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** The call has ended: its log messages are delivered (bounded wait), and later messages for it are refused. */
    void end(String token) {
        InFlight call = calls.remove(token);
        if (call == null) {
            return;
        }
        CompletableFuture<Void> pending;
        synchronized (call) {
            pending = call.delivered;
        }
        try {
            pending.get(LOG_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "upstream " + connector + ": log messages of a call not delivered: "
                    + e);
        }
    }

    /**
     * Wraps the SDK's handler of incoming messages: relayed kinds are handled here, the rest go to the SDK.
     *
     * @param send how to send a response to the upstream
     */
    Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> around(
            Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> sdk,
            Function<McpSchema.JSONRPCMessage, Mono<Void>> send) {
        return incoming -> Mono.deferContextual(ctx -> incoming.flatMap(message -> {
            String token = ctx.getOrDefault(CALL_KEY, null);
            return handled(message, token, send) ? Mono.<McpSchema.JSONRPCMessage>empty()
                    : sdk.apply(Mono.just(message));
        }));
    }

    private boolean handled(McpSchema.JSONRPCMessage message, String token,
                            Function<McpSchema.JSONRPCMessage, Mono<Void>> send) {
        if (message instanceof McpSchema.JSONRPCRequest request && REQUESTS.contains(request.method())) {
            relayRequest(request, token, send);
            return true;
        }
        if (message instanceof McpSchema.JSONRPCNotification note
                && McpSchema.METHOD_NOTIFICATION_MESSAGE.equals(note.method())) {
            relayLog(note, token);
            return true;
        }
        if (message instanceof McpSchema.JSONRPCNotification note
                && McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED.equals(note.method())) {
            if (params(note.params()).get("uri") instanceof String uri) {
                try {
                    resourceUpdates.accept(uri);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "upstream " + connector + ": resource update not passed on",
                            e);
                }
            }
            return true;
        }
        if (message instanceof McpSchema.JSONRPCNotification note && LIST_CHANGES.contains(note.method())) {
            try {
                listChanges.accept(note.method());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "upstream " + connector + ": list change not passed on", e);
            }
            return true;
        }
        return false;
    }

    private void relayRequest(McpSchema.JSONRPCRequest request, String token,
                              Function<McpSchema.JSONRPCMessage, Mono<Void>> send) {
        InFlight call = attribute(token);
        if (call == null) {
            answer(send, error(request, ClientRequestRefused.INVALID_REQUEST, request.method()
                    + " refused: no call of this gateway to the upstream is running that it could belong to"));
            return;
        }
        if (!slots.tryAcquire()) {
            answer(send, error(request, ClientRequestRefused.INTERNAL_ERROR, request.method()
                    + " refused: too many requests to the client at once"));
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    Map<String, Object> result = call.channel.request(connector, request.method(), params(request));
                    answer(send, McpSchema.JSONRPCResponse.result(request.id(), result));
                } catch (ClientRequestRefused e) {
                    answer(send, error(request, e.code(), e.getMessage()));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "upstream " + connector + ": relaying " + request.method()
                            + " failed", e);
                    answer(send, error(request, ClientRequestRefused.INTERNAL_ERROR, request.method()
                            + " failed at the gateway"));
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            answer(send, error(request, ClientRequestRefused.INTERNAL_ERROR, "the gateway is closing"));
        }
    }

    private void relayLog(McpSchema.JSONRPCNotification note, String token) {
        InFlight call = attribute(token);
        if (call == null || call.logs.incrementAndGet() > MAX_LOGS_PER_CALL) {
            return;
        }
        Map<String, Object> params = params(note.params());
        synchronized (call) {
            call.delivered = call.delivered.thenRunAsync(() -> call.channel.log(connector, params), workers)
                    .exceptionally(e -> null);
        }
    }

    /** The call a message belongs to, or {@code null} when it cannot be told (see the class comment). */
    private InFlight attribute(String token) {
        if (token != null) {
            return calls.get(token);
        }
        if (calls.size() != 1) {
            return null;
        }
        Iterator<InFlight> only = calls.values().iterator();
        return only.hasNext() ? only.next() : null;
    }

    private void answer(Function<McpSchema.JSONRPCMessage, Mono<Void>> send, McpSchema.JSONRPCResponse response) {
        send.apply(response).subscribe(ignored -> { }, e -> LOG.log(System.Logger.Level.DEBUG, "upstream "
                + connector + ": could not answer a relayed request: " + e));
    }

    private static McpSchema.JSONRPCResponse error(McpSchema.JSONRPCRequest request, int code, String message) {
        return McpSchema.JSONRPCResponse.error(request.id(),
                new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null));
    }

    private static Map<String, Object> params(McpSchema.JSONRPCRequest request) {
        return params(request.params());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(Object params) {
        if (!(params instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) map).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
