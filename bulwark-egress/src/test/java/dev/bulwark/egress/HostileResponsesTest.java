package dev.bulwark.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile responses from a server the agent was allowed to reach, written byte by byte (a server library would not
 * produce them): conflicting framing, endless interim responses, header floods, cookies, redirect loops and redirects
 * to other schemes and disguised loopback forms. Only 127.0.0.1 is exempt, so every other target must be refused.
 * The preemptive timeouts only end a hang; they measure nothing.
 */
class HostileResponsesTest {
    private static final EgressLimits LIMITS = new EgressLimits(64 * 1024, 4096, Duration.ofSeconds(2), 3,
            EgressLimits.DEFAULT_CONTENT_TYPES);
    private static final Duration HANG = Duration.ofSeconds(20);
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        fetcher = new HttpFetcher(new FakeDns(), AddressRules.exemptingLoopbackForTests(
                InetAddress.getByName("127.0.0.1")), LIMITS);
    }

    @AfterEach
    void stop() throws Exception {
        fetcher.close();
    }

    private FetchResult get(RawHttpServer server, String path) throws EgressRefusedException {
        Object outcome = assertTimeoutPreemptively(HANG, () -> {
            try {
                return fetcher.send(HttpTarget.parse(server.url(path)), null, null);
            } catch (EgressRefusedException e) {
                return e;
            }
        });
        if (outcome instanceof EgressRefusedException refused) {
            throw refused;
        }
        return (FetchResult) outcome;
    }

    @Test
    void aBodyFramedAsChunkedBehindContentLengthZeroDoesNotSkipTheContentTypeCheck() throws Exception {
        try (RawHttpServer server = RawHttpServer.answering(head -> """
                HTTP/1.1 200 OK\r
                Content-Type: application/octet-stream\r
                Content-Length: 0\r
                Transfer-Encoding: chunked\r
                Connection: close\r
                \r
                6\r
                BINARY\r
                0\r
                \r
                """)) {
            String outcome;
            try {
                outcome = "returned: " + get(server, "/x").body();
            } catch (EgressRefusedException e) {
                outcome = "refused: " + e.getMessage();
            }
            assertThat(outcome).startsWith("refused: ").doesNotContain("BINARY");
        }
    }

    @Test
    void endlessInterimResponsesEndAtTheTimeout() throws Exception {
        try (RawHttpServer server = new RawHttpServer((head, out) -> {
            for (int i = 0; i < 100_000; i++) {
                out.write("HTTP/1.1 102 Processing\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(5);
            }
        })) {
            assertThatThrownBy(() -> get(server, "/x")).isInstanceOf(EgressRefusedException.class);
        }
    }

    @Test
    void aHeaderFloodIsRefused() throws Exception {
        String flood = "X-Pad: " + "a".repeat(100) + "\r\n";
        try (RawHttpServer server = RawHttpServer.answering(head -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                + flood.repeat(2000) + "Content-Length: 2\r\n\r\nok")) {
            // refused; the reason Jetty reports for oversized headers varies (with assertions on, an AssertionError)
            assertThatThrownBy(() -> get(server, "/x")).isInstanceOf(EgressRefusedException.class);
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void cookiesSetByAResponseAreNotSentOnTheNextHop() throws Exception {
        try (RawHttpServer server = RawHttpServer.answering(head -> head.startsWith("GET /first ")
                ? "HTTP/1.1 302 Found\r\nSet-Cookie: session=stolen; Path=/\r\nLocation: /second\r\n"
                + "Content-Length: 0\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")) {
            FetchResult result = get(server, "/first");
            assertThat(result.body()).isEqualTo("ok");
            assertThat(server.requests).hasSize(2);
            assertThat(server.requests.get(1).toLowerCase()).doesNotContain("cookie").contains("connection: close");
        }
    }

    @Test
    void aSameOriginRedirectLoopStopsAtTheLimit() throws Exception {
        try (RawHttpServer server = RawHttpServer.answering(head ->
                "HTTP/1.1 308 Permanent Redirect\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n")) {
            FetchResult result = get(server, "/loop");
            assertThat(result.redirectTo()).endsWith("/loop");
            assertThat(server.requests).hasSize(LIMITS.maxRedirects() + 1);
        }
    }

    @Test
    void redirectsToOtherSchemesAndDisguisedLoopbackAreRefusedWithoutAConnection() throws Exception {
        for (String location : List.of("file:///etc/passwd", "gopher://127.0.0.1:70/_x", "ftp://example.org/",
                "jar:http://example.org/a!/b", "http://0x7f.1/", "http://2130706433/", "http://[::ffff:127.0.0.1]/",
                "http://127.0.0.2/", "//127.0.0.2/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/",
                "http://example.org@127.0.0.2/", "http://127.0.0.1%2e:1/", "http://localhost/",
                "http://metadata.google.internal/", "http:\\\\127.0.0.2\\x", "http://[fe80::1%25eth0]/")) {
            try (RawHttpServer server = RawHttpServer.answering(head -> "HTTP/1.1 307 Temporary Redirect\r\n"
                    + "Location: " + location + "\r\nContent-Length: 0\r\n\r\n")) {
                String outcome;
                try {
                    FetchResult result = get(server, "/r");
                    outcome = "returned redirect_to=" + result.redirectTo();
                } catch (EgressRefusedException e) {
                    outcome = "refused";
                }
                assertThat(outcome).as(location).isEqualTo("refused");
                assertThat(server.requests).as(location).hasSize(1);
            }
        }
    }
}
