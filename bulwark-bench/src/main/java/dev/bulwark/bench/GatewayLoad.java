package dev.bulwark.bench;

import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.DemoSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.ServerSettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-to-end load harness, loopback only, bounded, stops by itself. Starts a real upstream MCP server and a real
 * gateway proxying it, then measures (a) sequential per-call latency of {@code echo} called directly vs. through
 * Bulwark and (b) throughput of 16 concurrent clients, each with its own MCP session, directly vs. through Bulwark,
 * checking that every call through Bulwark was audited and that the audit chain verifies afterwards. Prints
 * markdown tables.
 *
 * <p>Arguments (all optional): {@code calls warmup clients seconds kind}, default {@code 5000 1000 16 20 write}.
 * {@code kind} is the kind the gateway gives the upstream's {@code echo} tool: {@code write} (the default for an
 * upstream tool without {@code readOnlyHint}: every call also writes a durable attempt record before it runs) or
 * {@code read} (no attempt record; the figures of 2026-11-25 predate attempt records and compare with this).
 */
public final class GatewayLoad {
    private static final String POLICY = """
            @id("bench-support-echo")
            permit (principal in Bulwark::Role::"support", action, resource == Bulwark::Tool::"up.echo");
            """;

    private GatewayLoad() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.warningsOnly();
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        String kind = args.length > 4 ? args[4] : "write";
        if (!kind.equals("read") && !kind.equals("write")) {
            throw new IllegalArgumentException("kind must be read or write, not " + kind);
        }
        Path work = Files.createTempDirectory("bulwark-load");
        try {
            run(work, calls, warmup, clients, seconds, kind);
        } finally {
            delete(work);
        }
        System.exit(0);
    }

    private static void run(Path work, int calls, int warmup, int clients, int seconds, String kind)
            throws Exception {
        Path policies = Files.createDirectories(work.resolve("policies"));
        Files.writeString(policies.resolve("bench.cedar"), POLICY);
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes the given text.")))) {
            BulwarkConfig config = new BulwarkConfig(work.resolve("data").toString(),
                    new ServerSettings("127.0.0.1", 0, null, null, null), null, null,
                    new PolicySettings(policies.toString(), null), null, new DemoSettings(true),
                    List.of(new UpstreamSettings("up", upstream.url().toString(), null, null, Map.of("echo", kind), null,
                            null, null)));
            try (Gateway gateway = Gateway.start(config)) {
                String token = BenchIdentity.supportToken(gateway);
                System.out.printf("upstream %s, gateway %s, echo kind %s, %d policies, %d cores, %s%n",
                        upstream.url().toString(), gateway.mcpUrl(), kind, gateway.policies().policyCount(),
                        Runtime.getRuntime().availableProcessors(), Runtime.version());
                latency(upstream, gateway, token, calls, warmup);
                throughput(upstream, gateway, token, clients, seconds);
                AuditVerification verification = gateway.auditLog().verify();
                System.out.println();
                System.out.println("audit chain after the run: " + verification);
                if (!verification.intact()) {
                    throw new IllegalStateException("audit chain does not verify: " + verification);
                }
            }
        }
    }

    private static void latency(JettyMcpUpstream upstream, Gateway gateway, String token, int calls, int warmup) {
        McpSyncClient direct = McpClients.connect("http://127.0.0.1:" + upstream.port(), null);
        McpSyncClient viaBulwark = McpClients.connect(gateway.baseUrl(), token);
        LoadPhases.interleaved(direct, "echo", viaBulwark, "up.echo", warmup, 2);
        long before = lastSequence(gateway);
        List<Latencies> measured = LoadPhases.interleaved(direct, "echo", viaBulwark, "up.echo", calls, 10);
        Latencies pipeline = pipelineLatencies(gateway, before, lastSequence(gateway));
        direct.closeGracefully();
        viaBulwark.closeGracefully();
        Latencies d = measured.get(0);
        Latencies b = measured.get(1);
        System.out.printf("%n### Sequential latency, %d calls each after %d warm-up calls (ms)%n%n", calls, warmup);
        System.out.println("| percentile | direct | through Bulwark | overhead | ratio |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (double p : new double[] {0.5, 0.9, 0.99, 0.999}) {
            System.out.printf("| p%s | %.3f | %.3f | %.3f | %.2f× |%n", label(p), d.millisAt(p), b.millisAt(p),
                    b.millisAt(p) - d.millisAt(p), b.millisAt(p) / d.millisAt(p));
        }
        System.out.printf("%nInside the gateway, the pipeline (authenticate … execute upstream … screen; audit append"
                + " excluded) took p50 %.3f / p99 %.3f / p99.9 %.3f ms over %d calls (audit latencyMicros).%n",
                pipeline.millisAt(0.5), pipeline.millisAt(0.99), pipeline.millisAt(0.999), pipeline.count());
    }

    private static void throughput(JettyMcpUpstream upstream, Gateway gateway, String token, int clients, int seconds)
            throws InterruptedException {
        LoadPhases.Throughput direct = LoadPhases.throughput(() -> connectAll("http://127.0.0.1:" + upstream.port(), null, clients),
                "echo", seconds);
        long before = lastSequence(gateway);
        LoadPhases.Throughput viaBulwark = LoadPhases.throughput(() -> connectAll(gateway.baseUrl(), token, clients),
                "up.echo", seconds);
        long after = lastSequence(gateway);
        List<AuditRecord> records = toolCalls(gateway, before, after);
        long audited = records.size();
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (AuditRecord r : records) {
            String key = r.event().outcome() + (r.event().reason().isEmpty() ? "" : " (" + r.event().reason() + ")");
            outcomes.merge(key, 1L, Long::sum);
        }
        System.out.printf("%n### Throughput, %d concurrent clients (own MCP session each), %d s%n%n", clients,
                seconds);
        System.out.println("| target | calls ok in window | failed | calls/s | ratio | slowest call ms"
                + " | process CPU ms per call |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| direct | %d | %d | %.0f | 1.00× | %.1f | %.3f |%n", direct.calls(), direct.failures(),
                direct.callsPerSecond(), direct.slowestNanos() / 1e6, direct.cpuMillisPerCall());
        System.out.printf("| through Bulwark | %d | %d | %.0f | %.2f× | %.1f | %.3f |%n", viaBulwark.calls(),
                viaBulwark.failures(), viaBulwark.callsPerSecond(),
                viaBulwark.callsPerSecond() / direct.callsPerSecond(), viaBulwark.slowestNanos() / 1e6,
                viaBulwark.cpuMillisPerCall());
        for (LoadPhases.Throughput t : List.of(direct, viaBulwark)) {
            if (!t.firstFailure().isEmpty()) {
                System.out.println("first failure: " + t.firstFailure());
            }
        }
        System.out.printf("%naudit: %d records appended during the Bulwark phase, %d of them tool calls; calls attempted %d"
                + " -> %s%n", after - before, audited, viaBulwark.attempted(),
                audited == viaBulwark.attempted() ? "every call audited" : "MISMATCH");
        System.out.println("audited outcomes: " + outcomes);
    }

    private static List<McpSyncClient> connectAll(String baseUrl, String token, int count) {
        List<McpSyncClient> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(McpClients.connect(baseUrl, token));
        }
        return out;
    }

    private static long lastSequence(Gateway gateway) {
        List<AuditRecord> tail = gateway.auditLog().tail(1);
        return tail.isEmpty() ? 0 : tail.getFirst().sequence();
    }

    private static Latencies pipelineLatencies(Gateway gateway, long after, long upTo) {
        List<AuditRecord> calls = toolCalls(gateway, after, upTo);
        long[] nanos = new long[calls.size()];
        for (int i = 0; i < nanos.length; i++) {
            Object micros = calls.get(i).event().details().get("latencyMicros");
            nanos[i] = micros instanceof Number n ? n.longValue() * 1000 : 0;
        }
        return new Latencies(nanos);
    }

    private static List<AuditRecord> toolCalls(Gateway gateway, long after, long upTo) {
        List<AuditRecord> out = new ArrayList<>();
        long next = after + 1;
        while (next <= upTo) {
            List<AuditRecord> page = gateway.auditLog().read(next, 1000);
            if (page.isEmpty()) {
                break;
            }
            for (AuditRecord r : page) {
                if (r.sequence() <= upTo && r.event().type() == AuditEventType.TOOL_CALL
                        && r.event().action().equals("up.echo")) {
                    out.add(r);
                }
            }
            next = page.getLast().sequence() + 1;
        }
        return out;
    }

    private static String label(double p) {
        return p == 0.999 ? "99.9" : String.valueOf((int) Math.round(p * 100));
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
