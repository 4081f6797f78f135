package dev.bulwark.connectors.mcp;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client of an upstream's Streamable HTTP transport, resuming POST response streams that the upstream closes
 * before answering (SEP-1699 polling): the stream's body is continued by {@code GET} with {@code Last-Event-ID}, so
 * the SDK's transport, which never resumes a POST stream itself (docs/security/relay.md, "Resumability"), reads one
 * longer stream and gets its answer. Everything else is the wrapped client's.
 */
final class ResumingHttpClient extends HttpClient {
    /** How long a POST's stream may stay open after the upstream's timeout, for the answer to arrive. */
    static final Duration STREAM_GRACE = Duration.ofSeconds(5);
    private final HttpClient delegate;
    private final Duration maxOpen;

    private ResumingHttpClient(HttpClient delegate, Duration maxOpen) {
        this.delegate = delegate;
        this.maxOpen = maxOpen;
    }

    /**
     * A builder whose clients resume; configured like {@link HttpClient#newBuilder()}. A POST's stream is held at
     * most {@code timeout} plus {@link #STREAM_GRACE}.
     */
    static HttpClient.Builder builder(Duration timeout) {
        return new Builder(HttpClient.newBuilder(), timeout.plus(STREAM_GRACE));
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        if (!"POST".equals(request.method())) {
            return delegate.sendAsync(request, handler, push);
        }
        return delegate.sendAsync(request, info -> {
            HttpResponse.BodySubscriber<T> body = handler.apply(info);
            return ResumedStream.isEventStream(info) ? new ResumedStream<>(body, request, delegate, maxOpen) : body;
        }, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public void shutdownNow() {
        delegate.shutdownNow();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private record Builder(HttpClient.Builder delegate, Duration maxOpen) implements HttpClient.Builder {
        @Override
        public HttpClient.Builder cookieHandler(CookieHandler handler) {
            delegate.cookieHandler(handler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext context) {
            delegate.sslContext(context);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters parameters) {
            delegate.sslParameters(parameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector selector) {
            delegate.proxy(selector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient build() {
            return new ResumingHttpClient(delegate.build(), maxOpen);
        }
    }
}
