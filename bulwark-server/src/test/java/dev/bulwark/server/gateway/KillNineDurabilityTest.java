package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.audit.AuditLogOptions;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.audit.AuditReport;
import dev.bulwark.audit.AuditVerifier;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the gateway in a child JVM, drives calls from two threads, kills the process with SIGKILL mid-traffic, and
 * checks that every call the client saw acknowledged has its audit record and that the chain still verifies.
 */
class KillNineDurabilityTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process startGateway(Path data) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.bulwark.server.cli.BulwarkCli", "serve",
                "--data", data.toString(), "--port", "0").redirectErrorStream(true).start();
    }

    /**
     * Side effects under kill -9: every CRM note the connector wrote (the write happened, acknowledged or not) has a
     * durable attempt record, written before the connector ran; attempts whose outcome the kill cut off are exactly
     * what verify lists as unfinished.
     */
    @Test
    void everySideEffectHasItsAttemptRecordAfterKillMinusNine(@TempDir Path data) throws Exception {
        Process gateway = startGateway(data);
        try {
            String base = awaitListening(gateway);
            String key = Files.readAllLines(data.resolve(DemoSetup.FILE)).stream()
                    .filter(l -> l.startsWith("support-bot ")).findFirst().orElseThrow().split(" ")[1];
            String token = token(base, key);
            String session = initialize(base, token);
            Set<String> acknowledged = callUntilKilled(gateway, "k9w-", (n, i, marker) -> send(base, token, session,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"crm.update_customer_note\",\"arguments\":{\"id\":" + (1 + (i * 2 + n) % 20)
                            + ",\"note\":\"" + marker + "\"}}}"));

            Set<String> written = new HashSet<>();
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("crm.db"));
                 var rs = c.createStatement().executeQuery("SELECT notes FROM customers WHERE notes LIKE 'k9w-%'")) {
                while (rs.next()) {
                    written.add(rs.getString(1));
                }
            }
            Set<String> attempted = new HashSet<>();
            Set<String> concluded = new HashSet<>();
            java.util.Map<String, String> markerOfCall = new java.util.HashMap<>();
            for (AuditRecord r : AuditRecords.ofEmbedded(data).read(1, 1_000_000)) {
                if (r.event().details().get("arguments") instanceof java.util.Map<?, ?> args
                        && args.get("note") instanceof String marker) {
                    String callId = (String) r.event().details().get("callId");
                    if (r.event().type() == AuditEventType.TOOL_ATTEMPT) {
                        attempted.add(marker);
                        markerOfCall.put(callId, marker);
                    } else if (r.event().type() == AuditEventType.TOOL_CALL) {
                        concluded.add(marker);
                    }
                }
            }
            assertThat(written).isNotEmpty();
            assertThat(attempted).as("every note in the CRM was attempted on the record").containsAll(written);
            assertThat(concluded).containsAll(acknowledged);
            AuditReport report = AuditVerifier.ofEmbedded(data, 1000).report();
            assertThat(report.verification().intact()).isTrue();
            Set<String> unfinished = new HashSet<>();
            report.unfinished().forEach(a -> unfinished.add(markerOfCall.get(a.callId())));
            Set<String> expected = new HashSet<>(attempted);
            expected.removeAll(concluded);
            assertThat(unfinished).isEqualTo(expected);
        } finally {
            gateway.destroyForcibly();
        }
    }

    @Test
    void acknowledgedCallsSurviveKillMinusNine(@TempDir Path data) throws Exception {
        Process gateway = startGateway(data);
        try {
            String base = awaitListening(gateway);
            String key = Files.readAllLines(data.resolve(DemoSetup.FILE)).stream()
                    .filter(l -> l.startsWith("support-bot ")).findFirst().orElseThrow().split(" ")[1];
            String token = token(base, key);
            String session = initialize(base, token);
            Set<String> acknowledged = callUntilKilled(gateway, "k9-",
                    (n, i, marker) -> call(base, token, session, marker));

            Set<String> recorded = new HashSet<>();
            try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, AuditLogOptions.defaults())) {
                for (AuditRecord r : log.tail(100_000)) {
                    if (r.event().type() == AuditEventType.TOOL_CALL
                            && r.event().details().get("arguments") instanceof java.util.Map<?, ?> args
                            && args.get("name_contains") instanceof String marker) {
                        recorded.add(marker);
                    }
                }
            }
            assertThat(recorded).containsAll(acknowledged);
            assertThat(AuditVerifier.ofEmbedded(data, 1000).verify().intact()).isTrue();
        } finally {
            gateway.destroyForcibly();
        }
    }

    private static String awaitListening(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread.ofPlatform().daemon().start(() -> drain(out));
                return m.group(1);
            }
        }
        throw new AssertionError("gateway did not start");
    }

    /** One call of a driver thread: {@code n} the thread, {@code i} the attempt; true when the call was acknowledged. */
    private interface MarkedCall {
        boolean send(int n, int i, String marker) throws Exception;
    }

    /**
     * Two threads call until at least 60 calls are acknowledged (or 60 s pass), then the gateway is killed with -9 while
     * they are still sending; returns the markers of the acknowledged calls.
     */
    private static Set<String> callUntilKilled(Process gateway, String prefix, MarkedCall call) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> drivers = List.of(0, 1).stream().map(n -> Thread.ofPlatform().start(() -> {
            for (int i = 0; !stop.get() && i < 5_000; i++) {
                String marker = prefix + n + "-" + i;
                try {
                    if (call.send(n, i, marker)) {
                        acknowledged.add(marker);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        })).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < 60 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        gateway.destroyForcibly();
        gateway.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread t : drivers) {
            t.join(30_000);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
        return acknowledged;
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the child's pipe from filling up
            }
        } catch (java.io.IOException e) {
            // the child died: expected
        }
    }

    private String token(String base, String key) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=support-bot"
                        + "&client_secret=" + key)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    private String initialize(String base, String token) throws Exception {
        HttpResponse<String> r = http.send(mcp(base, token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"k9","version":"1"}}}"""), HttpResponse.BodyHandlers.ofString());
        String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.send(mcp(base, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.discarding());
        return session;
    }

    /** True when the gateway answered the call with a successful result. */
    private boolean call(String base, String token, String session, String marker) throws Exception {
        return send(base, token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"crm.find_customers\",\"arguments\":{\"name_contains\":\"" + marker
                + "\",\"limit\":1}}}");
    }

    private boolean send(String base, String token, String session, String body) throws Exception {
        HttpResponse<String> r = http.send(mcp(base, token, session, body), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 && r.body().contains("\"isError\":false");
    }

    private static HttpRequest mcp(String base, String token, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b.build();
    }
}
