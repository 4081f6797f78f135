package dev.bulwark.egress;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Sends governed HTTP requests on Jetty's client. Every connection is opened through {@link PinnedResolver}; each
 * request asks for {@code Connection: close}, so every hop of a redirect chain resolves and is checked anew rather than
 * riding a pooled connection. No cookies, no authentication handlers, no proxy, no content decoding (a compressed
 * body would escape the size limit), no automatic redirects: {@link #send} follows same-origin ones itself.
 */
public final class HttpFetcher implements AutoCloseable {
    private final HttpClient client;
    private final EgressLimits limits;
    private final AddressRules rules;

    public HttpFetcher(HostResolver dns, AddressRules rules, EgressLimits limits) throws Exception {
        this.limits = limits;
        this.rules = rules;
        this.client = new HttpClient();
        client.setSocketAddressResolver(new PinnedResolver(dns, rules));
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.getProtocolHandlers().clear();
        client.getContentDecoderFactories().clear();
        client.setConnectTimeout(limits.timeout().toMillis());
        client.setIdleTimeout(limits.timeout().toMillis());
        client.setMaxResponseHeadersSize(16 * 1024);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Bulwark-Egress/1"));
        client.start();
    }

    /**
     * Sends one request and follows same-origin redirects (each hop resolved and checked again). A redirect to
     * another host is not followed: it comes back in {@link FetchResult#redirectTo()} for policy to decide.
     *
     * @param body        the body of a POST, or null for GET
     * @param contentType the body's media type
     */
    public FetchResult send(HttpTarget target, String body, String contentType)
            throws EgressRefusedException, InterruptedException {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        List<String> hops = new ArrayList<>();
        HttpTarget current = target;
        String method = body == null ? "GET" : "POST";
        String sending = body;
        for (int redirects = 0; ; redirects++) {
            hops.add(current.uri().toString());
            Hop hop = exchange(current, method, sending, contentType, deadline);
            String location = hop.location;
            if (hop.status / 100 != 3 || location == null) {
                return new FetchResult(current.uri().toString(), hop.status, hop.contentType, hop.text(),
                        hop.truncated, null, hops);
            }
            String next = resolveLocation(current, location);
            HttpTarget nextTarget;
            try {
                nextTarget = HttpTarget.parse(next);
            } catch (EgressRefusedException e) {
                throw new EgressRefusedException("redirected to a refused URL: " + e.getMessage());
            }
            boolean sameOrigin = nextTarget.sameHost(current)
                    && (nextTarget.scheme().equals(current.scheme()) && nextTarget.port() == current.port()
                    || current.scheme().equals("http") && nextTarget.scheme().equals("https")
                    && nextTarget.port() == 443);
            if (!sameOrigin && nextTarget.literal() != null && rules.refusal(nextTarget.literal()).isPresent()) {
                throw new EgressRefusedException("redirected to a blocked address ("
                        + rules.refusal(nextTarget.literal()).get() + ")");
            }
            if (!sameOrigin || redirects >= limits.maxRedirects()) {
                return new FetchResult(current.uri().toString(), hop.status, hop.contentType, "", false,
                        nextTarget.uri().toString(), hops);
            }
            if (hop.status == 303 || (hop.status == 301 || hop.status == 302) && method.equals("POST")) {
                method = "GET";
                sending = null;
            }
            current = nextTarget;
        }
    }

    private static String resolveLocation(HttpTarget current, String location) throws EgressRefusedException {
        try {
            return current.uri().resolve(location).toString();
        } catch (IllegalArgumentException e) {
            throw new EgressRefusedException("redirected to an invalid URL");
        }
    }

    private Hop exchange(HttpTarget target, String method, String body, String contentType, long deadline)
            throws EgressRefusedException, InterruptedException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new EgressRefusedException("timed out after " + limits.timeout().toMillis() + " ms");
        }
        URI uri = target.uri();
        Request request = client.newRequest(uri).method(HttpMethod.fromString(method))
                .timeout(left, TimeUnit.MILLISECONDS)
                .headers(h -> h.put(HttpHeader.CONNECTION, "close").put(HttpHeader.ACCEPT_ENCODING, "identity"));
        if (body != null) {
            request.body(new StringRequestContent(contentType, body, StandardCharsets.UTF_8));
        }
        Hop hop = new Hop(limits);
        request.send(hop);
        try {
            return hop.done.get(left + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            throw new EgressRefusedException("timed out after " + limits.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw explain(e.getCause());
        }
    }

    private EgressRefusedException explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PinnedResolver.RefusedAddress refused) {
                return new EgressRefusedException(refused.getMessage());
            }
            if (t instanceof RefusedContent refused) {
                return new EgressRefusedException(refused.getMessage());
            }
            if (t instanceof TimeoutException) {
                return new EgressRefusedException("timed out after " + limits.timeout().toMillis() + " ms");
            }
        }
        String kind = failure instanceof HttpResponseException ? "invalid response" : "connection failed";
        return new EgressRefusedException(kind + " (" + failure.getClass().getSimpleName() + ")");
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }

    /** A response refused on its headers (media type). */
    static final class RefusedContent extends Exception {
        RefusedContent(String message) {
            super(message);
        }
    }

    /** Collects one response up to the size limit; past it, stops the download and keeps what came. */
    private static final class Hop implements Response.Listener {
        private final EgressLimits limits;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Hop> done = new CompletableFuture<>();
        private volatile int status;
        private volatile String contentType = "";
        private volatile String location;
        private volatile boolean truncated;
        private volatile Charset charset = StandardCharsets.UTF_8;

        Hop(EgressLimits limits) {
            this.limits = limits;
        }

        @Override
        public void onHeaders(Response response) {
            status = response.getStatus();
            String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
            contentType = type == null ? "" : type;
            location = response.getHeaders().get(HttpHeader.LOCATION);
            charset = charsetOf(contentType);
            boolean redirect = status / 100 == 3 && location != null;
            boolean empty = status == 204 || status == 304 || "0".equals(response.getHeaders().get(HttpHeader.CONTENT_LENGTH));
            if (!redirect && !empty && !limits.allows(type)) {
                response.abort(new RefusedContent("the response's content type '" + shorten(contentType)
                        + "' is not allowed (allowed: " + String.join(", ", limits.contentTypes()) + ")"));
            }
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            if (truncated) {
                return;
            }
            int room = limits.maxResponseBytes() - bytes.size();
            int n = Math.min(room, content.remaining());
            byte[] chunk = new byte[n];
            content.get(chunk);
            synchronized (bytes) {
                bytes.write(chunk, 0, n);
            }
            if (content.hasRemaining()) {
                truncated = true;
                response.abort(new Truncated());
            }
        }

        @Override
        public void onComplete(Result result) {
            Throwable failure = result.getFailure();
            if (failure == null || truncated && failure instanceof Truncated) {
                done.complete(this);
            } else {
                done.completeExceptionally(failure);
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(charset);
            }
        }

        private static Charset charsetOf(String contentType) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
            return StandardCharsets.UTF_8;
        }

        private static String shorten(String text) {
            return text.length() <= 60 ? text : text.substring(0, 60) + "…";
        }
    }

    /** Ends a download at the size limit. */
    private static final class Truncated extends Exception {
        Truncated() {
            super("response cut off at the size limit", null, false, false);
        }
    }
}
