package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testkit.MutableClock;
import dev.bulwark.testkit.RecordingAuditLog;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Console sessions in a database: a restart keeps them, every gateway on the database sees them, the stored row is
 * useless without the cookie, and the credential is still re-checked on every request.
 */
class SharedConsoleSessionsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "admin-secret-0123456789abcdefghijklmnop";
    private static final String CAROL = "bwa_carol_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    @TempDir
    Path dir;
    final Map<String, ConsoleUser> credentials = new ConcurrentHashMap<>(Map.of(
            ADMIN, new ConsoleUser("admin", ConsoleRole.ADMIN, Set.of("admin")),
            CAROL, new ConsoleUser("carol", ConsoleRole.APPROVER, Set.of("approver"))));
    final List<String> reached = new CopyOnWriteArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<Server> gateways = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Server s : gateways) {
            s.stop();
        }
    }

    private SQLiteDataSource database() {
        SQLiteDataSource data = new SQLiteDataSource();
        data.setUrl("jdbc:sqlite:" + dir.resolve("bulwark.db"));
        return data;
    }

    /** A gateway's console on the shared database file (its own connection, as another process would have). */
    private String gateway() throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        jetty.setHandler(context);
        jetty.start();
        gateways.add(jetty);
        String base = "http://127.0.0.1:" + connector.getLocalPort();
        ConsoleServlet console = new ConsoleServlet(c -> Optional.ofNullable(credentials.get(c)),
                new ConsoleOptions(Duration.ofMinutes(30), Duration.ofHours(8), 10, false, Set.of(base)),
                new JdbcConsoleSessionStore(database()), new RecordingAuditLog(), clock);
        ServletHolder holder = new ServletHolder(console);
        context.addServlet(holder, "/console/*");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                reached.add(req.getRequestURI() + " | " + req.getHeader("Authorization"));
                resp.setStatus(200);
            }
        }), "/api/v1/*");
        return base;
    }

    private static HttpResponse<String> send(String base, String method, String path, String body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in on {@code base}; the cookie ("name=value"). */
    private static String signIn(String base, String credential) throws Exception {
        HttpResponse<String> r = send(base, "POST", "/console/session", "{\"credential\":\"" + credential + "\"}",
                Map.of("Content-Type", "application/json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static HttpResponse<String> agents(String base, String cookie) throws Exception {
        return send(base, "GET", "/console/api/v1/agents", null, Map.of("Cookie", cookie));
    }

    private static String csrf(String base, String cookie) throws Exception {
        HttpResponse<String> r = send(base, "GET", "/console/session", null, Map.of("Cookie", cookie));
        assertThat(r.statusCode()).as(cookie + " " + r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body()).get("csrfToken").asText();
    }

    @Test
    void aRestartedGatewayKeepsTheSessionAndItsCsrfToken() throws Exception {
        String before = gateway();
        String cookie = signIn(before, ADMIN);
        String token = csrf(before, cookie);
        gateways.get(0).stop();
        String after = gateway();
        assertThat(agents(after, cookie).statusCode()).isEqualTo(200);
        assertThat(reached).containsExactly("/api/v1/agents | Bearer " + ADMIN);
        assertThat(csrf(after, cookie)).isEqualTo(token);
        assertThat(send(after, "POST", "/console/api/v1/agents", "{}", Map.of("Cookie", cookie,
                "X-CSRF-Token", token, "Origin", after)).statusCode()).isEqualTo(200);
    }

    @Test
    void twoGatewaysOnOneDatabaseShareTheSessionAndItsEnd() throws Exception {
        String a = gateway();
        String b = gateway();
        String cookie = signIn(a, CAROL);
        assertThat(send(b, "GET", "/console/api/v1/approvals", null, Map.of("Cookie", cookie)).statusCode())
                .isEqualTo(200);
        assertThat(reached).containsExactly("/api/v1/approvals | Bearer " + CAROL);
        assertThat(send(b, "DELETE", "/console/session", null, Map.of("Cookie", cookie, "X-CSRF-Token",
                csrf(b, cookie), "Origin", b)).statusCode()).isEqualTo(204);
        assertThat(agents(a, cookie).statusCode()).as("signed out on the other gateway").isEqualTo(401);
    }

    @Test
    void aRevokedCredentialEndsTheSessionOnEveryGateway() throws Exception {
        String a = gateway();
        String b = gateway();
        String cookie = signIn(a, CAROL);
        credentials.remove(CAROL); // the approver key was revoked
        assertThat(send(b, "GET", "/console/api/v1/approvals", null, Map.of("Cookie", cookie)).statusCode())
                .isEqualTo(401);
        assertThat(rows()).isZero();
        credentials.put(CAROL, new ConsoleUser("carol", ConsoleRole.APPROVER, Set.of("approver")));
        assertThat(send(a, "GET", "/console/api/v1/approvals", null, Map.of("Cookie", cookie)).statusCode())
                .as("the session stays ended").isEqualTo(401);
        assertThat(reached).isEmpty();
    }

    @Test
    void aTamperedOrUnknownCookieIsNoSessionAndTheRowHoldsNoSecret() throws Exception {
        String a = gateway();
        String cookie = signIn(a, ADMIN);
        String value = cookie.substring(cookie.indexOf('=') + 1);
        // Changed in more than letter case: Jetty's per-connection header cache matches values case-insensitively, so
        // of two cookies that differ only in case, sent one after the other on one connection, the second is read as
        // the first (the real "a…" after a tampered "A…" was refused, one run in 64).
        String flipped = (Character.toUpperCase(value.charAt(0)) == 'A' ? "B" : "A") + value.substring(1);
        for (String bad : List.of("bulwark_console=" + flipped, "bulwark_console=" + value + "A",
                "bulwark_console=", "bulwark_console=" + "x".repeat(5_000))) {
            assertThat(agents(a, bad).statusCode()).as(bad.length() > 80 ? "long" : bad).isEqualTo(401);
            assertThat(agents(a, cookie).statusCode()).as("the real session after " + (bad.length() > 80 ? "long" : bad))
                    .isEqualTo(200);
        }
        assertThat(reached).as("only the real session's requests").hasSize(4);
        String dump = new String(Files.readAllBytes(dir.resolve("bulwark.db")), StandardCharsets.ISO_8859_1);
        assertThat(dump).doesNotContain(ADMIN).doesNotContain(value).doesNotContain(csrf(a, cookie));
        assertThat(agents(a, cookie).statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedRowOpensNoSession() throws Exception {
        String a = gateway();
        String cookie = signIn(a, ADMIN);
        try (Connection c = database().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + JdbcConsoleSessionStore.TABLE + " SET sealed = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'");
        }
        assertThat(agents(a, cookie).statusCode()).isEqualTo(401);
        assertThat(rows()).isZero();
    }

    private int rows() throws Exception {
        try (Connection c = database().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + JdbcConsoleSessionStore.TABLE)) {
            r.next();
            return r.getInt(1);
        }
    }
}
