package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.testkit.MutableClock;
import dev.bulwark.testkit.RecordingAuditLog;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's own guarantees, with a stand-in API behind it: who may sign in, the session cookie, CSRF and origin
 * checks before anything reaches the API, the role's reach, session expiry, and strict paths and headers.
 */
class ConsoleServletTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "admin-secret-0123456789abcdefghijklmnop";
    private static final String CAROL = "bwa_carol_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    final Map<String, ConsoleUser> credentials = new ConcurrentHashMap<>(Map.of(
            ADMIN, new ConsoleUser("admin", ConsoleRole.ADMIN, Set.of("admin")),
            CAROL, new ConsoleUser("carol", ConsoleRole.APPROVER, Set.of("approver"))));
    final RecordingAuditLog audit = new RecordingAuditLog();
    /** What reached the API: method, path and query, bearer, cookie header. */
    final List<String> reached = new CopyOnWriteArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Server jetty;
    String base;

    void start(int maxSessions, boolean secureCookie) throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
        ConsoleServlet console = new ConsoleServlet(c -> Optional.ofNullable(credentials.get(c)),
                new ConsoleOptions(Duration.ofMinutes(30), Duration.ofHours(8), maxSessions, secureCookie,
                        Set.of(base)), audit, clock);
        ServletHolder holder = new ServletHolder(console);
        context.addServlet(holder, "/console");
        context.addServlet(holder, "/console/*");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                reached.add(req.getMethod() + " " + req.getRequestURI() + (req.getQueryString() == null ? ""
                        : "?" + req.getQueryString()) + " | " + req.getHeader("Authorization") + " | "
                        + req.getHeader("Cookie"));
                resp.setStatus(200);
                resp.setContentType("application/json");
                resp.getOutputStream().write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
            }
        }), "/api/v1/*");
    }


    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    /** A signed-in session: its cookie ("name=value") and CSRF token. */
    record Session(String cookie, String csrf) {
    }

    private Session signIn(String credential) throws Exception {
        HttpResponse<String> r = send("POST", "/console/session", "{\"credential\":\"" + credential + "\"}",
                Map.of("Content-Type", "application/json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Session(r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                JSON.readTree(r.body()).get("csrfToken").asText());
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> as(Session s, String method, String path, boolean withCsrf) throws Exception {
        return send(method, path, null, withCsrf ? Map.of("Cookie", s.cookie(), "X-CSRF-Token", s.csrf())
                : Map.of("Cookie", s.cookie()));
    }

    @Test
    void signInWithoutAValidCredentialIsRefusedAndAudited() throws Exception {
        start(10, false);
        for (String body : List.of("", "{}", "{\"credential\":\"\"}", "{\"credential\":5}",
                "{\"credential\":\"" + ADMIN + "\",\"x\":1}", "{\"credential\":\"nobody\"}", "[\"" + ADMIN + "\"]")) {
            HttpResponse<String> r = send("POST", "/console/session", body, Map.of("Content-Type",
                    "application/json"));
            assertThat(r.statusCode()).as(body).isEqualTo(401);
            assertThat(r.headers().firstValue("Set-Cookie")).as(body).isEmpty();
        }
        assertThat(send("POST", "/console/session", "{\"credential\":\"" + ADMIN + "\"}", Map.of("Content-Type",
                "text/plain")).statusCode()).as("a form-like body (no preflight cross-site)").isEqualTo(415);
        assertThat(send("POST", "/console/session", "{\"credential\":\"" + ADMIN + "\"}", Map.of("Content-Type",
                "application/json", "Origin", "https://evil.example")).statusCode()).as("login CSRF").isEqualTo(403);
        assertThat(audit.events()).filteredOn(e -> e.action().equals("console.login"))
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.DENIED)).hasSize(7);
        assertThat(audit.events().toString()).doesNotContain(ADMIN);
        assertThat(send("GET", "/console/api/v1/agents", null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(reached).isEmpty();
    }

    @Test
    void signInSetsAnHttpOnlyStrictCookieAndANewSessionEachTime() throws Exception {
        start(10, false);
        HttpResponse<String> r = send("POST", "/console/session", "{\"credential\":\"" + ADMIN + "\"}",
                Map.of("Content-Type", "application/json"));
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("bulwark_console=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure").doesNotContain(ADMIN);
        assertThat(r.body()).doesNotContain(ADMIN);
        Session a = signIn(ADMIN);
        Session b = signIn(ADMIN);
        assertThat(a.cookie()).isNotEqualTo(b.cookie());
        assertThat(a.csrf()).isNotEqualTo(b.csrf()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(audit.events()).filteredOn(e -> e.action().equals("console.login") && e.outcome() == Outcome.SUCCEEDED)
                .hasSize(3);
    }

    @Test
    void behindTlsTheCookieIsSecureAndHostPrefixed() throws Exception {
        start(10, true);
        HttpResponse<String> r = send("POST", "/console/session", "{\"credential\":\"" + ADMIN + "\"}",
                Map.of("Content-Type", "application/json"));
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("__Host-bulwark_console=")
                .contains("; Secure").contains("Path=/");
    }

    @Test
    void theApiIsReachedAsTheSignedInHumanWithoutTheCookie() throws Exception {
        start(10, false);
        Session s = signIn(ADMIN);
        HttpResponse<String> r = as(s, "GET", "/console/api/v1/audit?limit=5", false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(reached).containsExactly("GET /api/v1/audit?limit=5 | Bearer " + ADMIN + " | null");
        assertThat(r.headers().firstValue("Content-Security-Policy")).contains(SecurityHeaders.CSP);
    }

    @Test
    void aChangeWithoutTheCsrfTokenOrFromAnotherOriginNeverReachesTheApi() throws Exception {
        start(10, false);
        Session s = signIn(ADMIN);
        String path = "/console/api/v1/agents/bot/suspend";
        assertThat(as(s, "POST", path, false).statusCode()).as("no token").isEqualTo(403);
        assertThat(send("POST", path, null, Map.of("Cookie", s.cookie(), "X-CSRF-Token", s.csrf() + "x"))
                .statusCode()).as("wrong token").isEqualTo(403);
        assertThat(send("POST", path, null, Map.of("Cookie", s.cookie(), "X-CSRF-Token", signIn(ADMIN).csrf()))
                .statusCode()).as("another session's token").isEqualTo(403);
        assertThat(send("POST", path, null, Map.of("Cookie", s.cookie(), "X-CSRF-Token", s.csrf(), "Origin",
                "https://evil.example")).statusCode()).as("another origin").isEqualTo(403);
        assertThat(send("POST", path, null, Map.of("Cookie", s.cookie(), "X-CSRF-Token", s.csrf(),
                "Sec-Fetch-Site", "cross-site")).statusCode()).as("a cross-site fetch").isEqualTo(403);
        assertThat(send("DELETE", "/console/session", null, Map.of("Cookie", s.cookie())).statusCode())
                .as("sign-out needs the token too").isEqualTo(403);
        assertThat(reached).isEmpty();
        assertThat(audit.events()).filteredOn(e -> e.action().equals("console.csrf")).extracting(AuditEvent::reason)
                .containsExactly("CSRF_TOKEN_MISSING", "CSRF_TOKEN_WRONG", "CSRF_TOKEN_WRONG", "CROSS_ORIGIN",
                        "CROSS_ORIGIN", "CSRF_TOKEN_MISSING");
        assertThat(send("POST", path, null, Map.of("Cookie", s.cookie(), "X-CSRF-Token", s.csrf(), "Origin", base))
                .statusCode()).isEqualTo(200);
        assertThat(reached).hasSize(1);
    }

    @Test
    void anApproverReachesOnlyTheApprovalQueue() throws Exception {
        start(10, false);
        Session s = signIn(CAROL);
        assertThat(as(s, "GET", "/console/api/v1/agents", false).statusCode()).isEqualTo(403);
        assertThat(as(s, "POST", "/console/api/v1/approvals/approver-keys/carol", true).statusCode()).isEqualTo(403);
        assertThat(as(s, "GET", "/console/metrics", false).statusCode()).isEqualTo(403);
        assertThat(reached).isEmpty();
        assertThat(as(s, "GET", "/console/api/v1/approvals?state=pending", false).statusCode()).isEqualTo(200);
        assertThat(as(s, "POST", "/console/api/v1/approvals/0123456789abcdef/approve", true).statusCode())
                .isEqualTo(200);
        assertThat(reached).hasSize(2).allSatisfy(r -> assertThat(r).contains("Bearer " + CAROL));
    }

    @Test
    void sessionsEndWhenIdleTooOldSignedOutOrTheCredentialStopsWorking() throws Exception {
        start(10, false);
        Session idle = signIn(ADMIN);
        clock.advance(Duration.ofMinutes(31));
        assertThat(as(idle, "GET", "/console/session", false).statusCode()).as("idle").isEqualTo(401);

        Session old = signIn(ADMIN);
        for (int i = 0; i < 17; i++) {
            clock.advance(Duration.ofMinutes(29));
            as(old, "GET", "/console/session", false);
        }
        assertThat(as(old, "GET", "/console/session", false).statusCode()).as("past max age").isEqualTo(401);

        Session carol = signIn(CAROL);
        credentials.remove(CAROL); // key revoked or the approver role removed
        assertThat(as(carol, "GET", "/console/api/v1/approvals", false).statusCode()).isEqualTo(401);
        credentials.put(CAROL, new ConsoleUser("carol", ConsoleRole.APPROVER, Set.of("approver")));
        assertThat(as(carol, "GET", "/console/session", false).statusCode()).as("ended, not paused")
                .isEqualTo(401);

        Session out = signIn(ADMIN);
        HttpResponse<String> bye = as(out, "DELETE", "/console/session", true);
        assertThat(bye.statusCode()).isEqualTo(204);
        assertThat(bye.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(as(out, "GET", "/console/session", false).statusCode()).isEqualTo(401);
        assertThat(reached).isEmpty();
    }

    @Test
    void aSecondCookieOfTheSameNameIsNoSession() throws Exception {
        start(10, false);
        Session s = signIn(ADMIN);
        assertThat(send("GET", "/console/session", null, Map.of("Cookie", "bulwark_console=planted; " + s.cookie()))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void signInBeyondTheSessionLimitIsRefused() throws Exception {
        start(2, false);
        signIn(ADMIN);
        signIn(CAROL);
        assertThat(send("POST", "/console/session", "{\"credential\":\"" + ADMIN + "\"}",
                Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(503);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/static/../session", "/console/static/%2e%2e/session",
            "/console/static/App.JS", "/console/static/app.js.map", "/console/static/x/../../index.html",
            "/console/api/v1/../../healthz", "/console/api/v1/%2e%2e/x", "/console/api/v1/agents%2Fx",
            "/console/api/v1//agents", "/console/nothing", "/consolex"})
    void pathsOutsideTheAllowedShapesReachNothing(String path) throws Exception {
        start(10, false);
        Session s = signIn(ADMIN);
        int status = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + s.cookie()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(status).as(path).isIn(400, 404);
        assertThat(reached).isEmpty();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        start(10, false);
        for (String path : List.of("/console/", "/console/static/app.js", "/console/static/console.css",
                "/console/session", "/console/static/missing.js", "/console/api/v1/agents")) {
            HttpResponse<String> r = send("GET", path, null, Map.of());
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).contains(SecurityHeaders.CSP);
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        assertThat(SecurityHeaders.CSP).contains("default-src 'self'").doesNotContain("unsafe");
        HttpResponse<String> page = send("GET", "/console/", null, Map.of());
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(send("GET", "/console/static/app.js", null, Map.of()).headers().firstValue("Content-Type")
                .orElseThrow()).startsWith("text/javascript");
        assertThat(send("GET", "/console", null, Map.of()).statusCode()).isEqualTo(308);
    }

    /** The status of a request sent as raw bytes, so no client normalizes the path first. */
    private int raw(String request) throws IOException {
        URI u = URI.create(base);
        try (Socket socket = new Socket(u.getHost(), u.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String line = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(line.substring(9, 12));
        }
    }

    @Test
    void theSessionViewNamesTheHumanAndNeverTheCredential() throws Exception {
        start(10, false);
        Session s = signIn(CAROL);
        JsonNode view = JSON.readTree(as(s, "GET", "/console/session", false).body());
        assertThat(view.get("user").asText()).isEqualTo("carol");
        assertThat(view.get("role").asText()).isEqualTo("approver");
        assertThat(view.toString()).doesNotContain(CAROL);
    }
}
