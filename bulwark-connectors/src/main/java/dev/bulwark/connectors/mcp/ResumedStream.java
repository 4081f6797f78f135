package dev.bulwark.connectors.mcp;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of one POST's SSE response as the SDK's subscriber sees it: when the upstream ends the stream after an
 * event id and before a JSON-RPC response, it sends {@code GET} with {@code Last-Event-ID} and the POST's headers (at
 * once the first time, then after the server's {@code retry}: default {@link #DEFAULT_RETRY}, at most
 * {@link #MAX_RETRY}), and passes the new stream on as if it were the rest of the old one, up to
 * {@link #MAX_RESUMPTIONS} times. Once a response has been read from
 * a resumed stream, that stream is closed (its job is done). A failed resumption ends the body as before it: the
 * call then times out as it did without resumption.
 *
 * <p>A stream is never held longer than {@code maxOpen} (the upstream's timeout and a grace): an upstream that
 * keeps a call's stream going without end (comments, events, never a response) would otherwise be read for ever
 * after the call timed out, one open connection per call (red team round 2). Past it the stream is cancelled, which
 * closes its connection.
 */
final class ResumedStream<T> implements HttpResponse.BodySubscriber<T> {
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    static final int MAX_RESUMPTIONS = 5;
    /** Headers the GET must not copy: they describe the POST's body or are set by the client itself. */
    private static final Set<String> NOT_COPIED = Set.of("content-type", "content-length", "accept", "host",
            "connection", "expect", "upgrade", "last-event-id");
    private static final System.Logger LOG = System.getLogger(ResumedStream.class.getName());

    private final HttpResponse.BodySubscriber<T> downstream;
    private final HttpRequest post;
    private final HttpClient client;
    private final SseScan scan = new SseScan();
    private final Duration maxOpen;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong demand = new AtomicLong();
    private volatile Flow.Subscription current;
    private volatile boolean cancelled;
    private volatile boolean resumed;
    private int resumptions;

    ResumedStream(HttpResponse.BodySubscriber<T> downstream, HttpRequest post, HttpClient client, Duration maxOpen) {
        this.downstream = downstream;
        this.post = post;
        this.client = client;
        this.maxOpen = maxOpen;
    }

    static boolean isEventStream(HttpResponse.ResponseInfo info) {
        return isEventStream(info.statusCode(), info.headers());
    }

    private static boolean isEventStream(int status, java.net.http.HttpHeaders headers) {
        return status == 200 && headers.firstValue("Content-Type").orElse("").toLowerCase()
                .contains("text/event-stream");
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        current = subscription;
        CompletableFuture.delayedExecutor(maxOpen.toMillis(), TimeUnit.MILLISECONDS).execute(this::expire);
        downstream.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                current.request(n);
            }

            @Override
            public void cancel() {
                cancelled = true;
                current.cancel();
            }
        });
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        items.forEach(scan::accept);
        demand.accumulateAndGet(1, (a, b) -> a == Long.MAX_VALUE ? a : Math.max(0, a - b));
        downstream.onNext(items);
        if (resumed && scan.responded()) {
            // the answer came on the resumed stream: nothing more is needed from it
            current.cancel();
            complete();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            downstream.onError(error);
        }
    }

    @Override
    public void onComplete() {
        if (cancelled || scan.responded() || scan.lastId() == null || resumptions >= MAX_RESUMPTIONS) {
            complete();
            return;
        }
        resumptions++;
        // The first resumption is immediate: the call is still running, and a server that writes the answer only to
        // a connected stream (the reference server does) loses it if we wait. Later ones honour the server's retry.
        long wait = resumptions == 1 ? 0 : scan.retryMillis() < 0 ? DEFAULT_RETRY.toMillis()
                : Math.min(scan.retryMillis(), MAX_RETRY.toMillis());
        CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS).execute(this::resume);
    }

    private void resume() {
        HttpRequest.Builder get = HttpRequest.newBuilder(post.uri()).GET()
                .header("Accept", "text/event-stream").header("Cache-Control", "no-cache")
                .header("Last-Event-ID", scan.lastId());
        post.timeout().ifPresent(get::timeout);
        post.headers().map().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase()) && !name.equalsIgnoreCase("cache-control")) {
                values.forEach(value -> get.header(name, value));
            }
        });
        client.sendAsync(get.build(), info -> isEventStream(info) ? new Continuation()
                : HttpResponse.BodySubscribers.replacing(null)).whenComplete((response, error) -> {
                    if (error != null || !isEventStream(response.statusCode(), response.headers())) {
                        LOG.log(System.Logger.Level.DEBUG, "resuming an upstream stream failed: "
                                + (error != null ? error : "status " + response.statusCode()));
                        complete();
                    }
                });
    }

    /** The resumed stream's body, passed on as the rest of the original one. */
    private final class Continuation implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> body = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            current = subscription;
            resumed = true;
            if (cancelled) {
                subscription.cancel();
                return;
            }
            long outstanding = demand.get();
            subscription.request(outstanding > 0 ? outstanding : 1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            ResumedStream.this.onNext(items);
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
            ResumedStream.this.onError(error);
        }

        @Override
        public void onComplete() {
            body.complete(null);
            if (!scan.responded()) {
                ResumedStream.this.onComplete();
            }
        }

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }
    }

    private void complete() {
        if (ended.compareAndSet(false, true)) {
            downstream.onComplete();
        }
    }

    /** The stream outlived its bound: let go of it (closing its connection), whatever it still sends. */
    private void expire() {
        if (ended.get()) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "an upstream stream stayed open past " + maxOpen.toMillis()
                + " ms; closed");
        cancelled = true;
        current.cancel();
        if (scan.responded()) {
            complete();
        } else {
            onError(new java.io.IOException("the upstream's stream stayed open past " + maxOpen.toMillis()
                    + " ms without an answer; closed"));
        }
    }

    @Override
    public CompletionStage<T> getBody() {
        return downstream.getBody();
    }
}
