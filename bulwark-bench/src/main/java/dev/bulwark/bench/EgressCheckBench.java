package dev.bulwark.bench;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.egress.AddressRules;
import dev.bulwark.egress.EgressLimits;
import dev.bulwark.egress.FetchResult;
import dev.bulwark.egress.HttpFetcher;
import dev.bulwark.egress.HttpTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Overhead of egress checks per request. {@code plainFetch}: Jetty's client, set up like the egress client (no
 * cookies, no decoding, {@code Connection: close}, so a new connection per request) GETs a 2 KB text from a local
 * server. {@code checkedFetch}: the same GET through {@link HttpFetcher} — strict URL parse, the pinned resolver's
 * address check, content-type and size limits — with 127.0.0.1 exempted (the test-only rules; the production rules
 * refuse loopback). {@code checksOnly}: parse and address check without I/O. Sample mode, so JMH reports p50/p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EgressCheckBench {
    private HttpServer server;
    private HttpClient plain;
    private HttpFetcher checked;
    private AddressRules rules;
    private String url;

    @Setup
    public void start() throws Exception {
        byte[] body = "x".repeat(2048).getBytes(StandardCharsets.US_ASCII);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
        plain = new HttpClient();
        plain.setFollowRedirects(false);
        plain.setHttpCookieStore(new HttpCookieStore.Empty());
        plain.getContentDecoderFactories().clear();
        plain.start();
        rules = AddressRules.exemptingLoopbackForTests(InetAddress.getByName("127.0.0.1"));
        checked = new HttpFetcher(host -> List.of(InetAddress.getByName("127.0.0.1")), rules,
                EgressLimits.defaults());
    }

    @TearDown
    public void stop() throws Exception {
        checked.close();
        plain.stop();
        server.stop(0);
    }

    @Benchmark
    public String plainFetch() throws Exception {
        ContentResponse response = plain.newRequest(url).headers(h -> h.put(HttpHeader.CONNECTION, "close"))
                .timeout(10, TimeUnit.SECONDS).send();
        return response.getContentAsString();
    }

    @Benchmark
    public String checkedFetch() throws Exception {
        FetchResult result = checked.send(HttpTarget.parse(url), null, null);
        return result.body();
    }

    @Benchmark
    public Object checksOnly() throws Exception {
        HttpTarget target = HttpTarget.parse(url);
        return rules.refusal(target.literal()).isPresent() ? null : target;
    }
}
