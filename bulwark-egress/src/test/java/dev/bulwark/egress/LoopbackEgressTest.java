package dev.bulwark.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Egress against a real server on 127.0.0.1. Loopback is refused by the production rules; these tests let 127.0.0.1
 * (and only it) through with the test-only exemption, so 127.0.0.2 stands for "an address that must be refused" and
 * no refused address can ever leave the machine, even if a check broke.
 */
class LoopbackEgressTest {
    private static final EgressLimits LIMITS = new EgressLimits(64 * 1024, 4096, Duration.ofSeconds(2), 3,
            EgressLimits.DEFAULT_CONTENT_TYPES);
    private LoopbackServer server;
    private FakeDns dns;
    private HttpFetcher exempting;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        dns = new FakeDns();
        exempting = new HttpFetcher(dns, AddressRules.exemptingLoopbackForTests(InetAddress.getByName("127.0.0.1")),
                LIMITS);
    }

    @AfterEach
    void stop() throws Exception {
        exempting.close();
        server.close();
    }

    @Test
    void refusesLoopbackByDefault() throws Exception {
        try (HttpFetcher standard = new HttpFetcher(dns, AddressRules.standard(), LIMITS)) {
            assertThatThrownBy(() -> standard.send(HttpTarget.parse(server.url("/hello")), null, null))
                    .isInstanceOf(EgressRefusedException.class).hasMessageContaining("loopback");
            dns.answer("svc.example.org", "127.0.0.1");
            assertThatThrownBy(() -> standard.send(HttpTarget.parse("http://svc.example.org:" + server.port()
                    + "/hello"), null, null)).hasMessageContaining("loopback");
        }
        assertThat(server.requests).isEmpty();
        assertThat(AddressRules.standard().hasExemptions()).isFalse();
    }

    @Test
    void testExemptionCoversOnlyLoopback() {
        assertThatThrownBy(() -> AddressRules.exemptingLoopbackForTests(InetAddress.getByName("10.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchesWhenTheTestExemptsLoopback() throws Exception {
        FetchResult result = exempting.send(HttpTarget.parse(server.url("/hello")), null, null);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("hello from loopback");
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void connectsToTheCheckedAddressAndKeepsTheHostName() throws Exception {
        dns.answer("svc.example.org", "127.0.0.1");
        FetchResult result = exempting.send(HttpTarget.parse("http://svc.example.org:" + server.port() + "/hello"),
                null, null);
        assertThat(result.status()).isEqualTo(200);
        assertThat(server.requests).containsExactly("GET /hello host=svc.example.org:" + server.port());
        assertThat(dns.lookups.get()).isEqualTo(1);
    }

    @Test
    void refusesWhenDnsRebindsToABlockedAddress() throws Exception {
        // first answer: the allowed address; every later one: another loopback address that is not exempt
        dns.answer("rebind.example.org", "127.0.0.1").answer("rebind.example.org", "127.0.0.2");
        String url = "http://rebind.example.org:" + server.port() + "/hello";
        assertThat(exempting.send(HttpTarget.parse(url), null, null).status()).isEqualTo(200);
        assertThatThrownBy(() -> exempting.send(HttpTarget.parse(url), null, null))
                .hasMessageContaining("blocked address (loopback)");
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void rechecksEverySameHostRedirectHop() throws Exception {
        // the redirect stays on the host, but the host now resolves to a refused address: the hop is refused
        dns.answer("hop.example.org", "127.0.0.1").answer("hop.example.org", "127.0.0.2");
        String base = "http://hop.example.org:" + server.port();
        assertThatThrownBy(() -> exempting.send(HttpTarget.parse(base + "/redirect?to=" + base + "/hello"), null,
                null)).hasMessageContaining("blocked address (loopback)");
        assertThat(server.requests).hasSize(1);
        assertThat(dns.lookups.get()).isEqualTo(2);
    }

    @Test
    void followsSameHostRedirects() throws Exception {
        FetchResult result = exempting.send(HttpTarget.parse(server.url("/redirect?to=/hello")), null, null);
        assertThat(result.body()).isEqualTo("hello from loopback");
        assertThat(result.hops()).hasSize(2);
    }

    @Test
    void refusesRedirectsToBlockedAddresses() throws Exception {
        for (String to : List.of("http://127.0.0.2:" + server.port() + "/hello", "http://169.254.169.254/latest/",
                "http://[::ffff:127.0.0.1]/", "http://0x7f.1/", "http://[fd00:ec2::254]/", "file:///etc/passwd")) {
            assertThatThrownBy(() -> exempting.send(HttpTarget.parse(server.url("/redirect?to=" + to)), null, null))
                    .as(to).isInstanceOf(EgressRefusedException.class).hasMessageContaining("redirected to");
        }
        assertThat(server.requests).allMatch(r -> r.startsWith("GET /redirect"));
    }

    @Test
    void handsOtherHostRedirectsBackUnfollowed() throws Exception {
        FetchResult result = exempting.send(HttpTarget.parse(server.url("/redirect?to=https://other.example.org/x")),
                null, null);
        assertThat(result.redirectTo()).isEqualTo("https://other.example.org/x");
        assertThat(result.body()).isEmpty();
        assertThat(dns.lookups.get()).isZero();
    }

    @Test
    void cutsOffHugeResponses() throws Exception {
        long start = System.nanoTime();
        FetchResult result = exempting.send(HttpTarget.parse(server.url("/huge")), null, null);
        assertThat(result.truncated()).isTrue();
        assertThat(result.body()).hasSize(64 * 1024);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void cutsOffSlowResponsesAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> exempting.send(HttpTarget.parse(server.url("/slow")), null, null))
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void refusesContentTypesOutsideTheList() {
        assertThatThrownBy(() -> exempting.send(HttpTarget.parse(server.url("/binary")), null, null))
                .hasMessageContaining("content type 'application/octet-stream' is not allowed");
    }

    @Test
    void postsABody() throws Exception {
        FetchResult result = exempting.send(HttpTarget.parse(server.url("/echo")), "{\"a\":1}", "application/json");
        assertThat(result.body()).isEqualTo("{\"a\":1}");
        assertThat(server.requests).containsExactly("POST /echo host=127.0.0.1:" + server.port());
    }
}
