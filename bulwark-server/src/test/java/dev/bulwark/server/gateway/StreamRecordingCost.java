package dev.bulwark.server.gateway;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.GuardSettings;
import dev.bulwark.server.config.InjectionSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.ServerSettings;
import dev.bulwark.server.config.StreamSettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What recording the gateway's own SSE streams ({@code server.streams}) costs per {@code tools/call}: two gateways
 * in one JVM, one with {@code server.streams.enabled: false} (the baseline), same upstream, calls alternated in
 * blocks of 100 over raw HTTP on one thread. Prints p50, p99 and mean per gateway and answer size, and the ratios.
 *
 * <p>Usage: {@code StreamRecordingCost [calls]} (default 2000 per gateway and size, after 500 warm-up calls each).
 */
public final class StreamRecordingCost {
    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"cost","version":"1"}}}""";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes.")))) {
            Gateway off = start(upstream, false);
            Gateway on = start(upstream, true);
            try {
                Target baseline = Target.open(off);
                Target recorded = Target.open(on);
                for (int size : new int[] {100, 64 * 1024}) {
                    String call = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"echo\",\"arguments\":{\"text\":\"" + "x".repeat(size) + "\"}}}";
                    baseline.run(call, 500);
                    recorded.run(call, 500);
                    long[] a = new long[calls];
                    long[] b = new long[calls];
                    for (int done = 0; done < calls; done += 100) {
                        int n = Math.min(100, calls - done);
                        System.arraycopy(baseline.run(call, n), 0, a, done, n);
                        System.arraycopy(recorded.run(call, n), 0, b, done, n);
                    }
                    report("answer ~" + size + " B, streams off (baseline)", a, null);
                    report("answer ~" + size + " B, streams on", b, a);
                }
            } finally {
                on.close();
                off.close();
            }
        }
        System.exit(0); // the SDK's and Jetty's pools need not hold the measurement open
    }

    private static Gateway start(JettyMcpUpstream upstream, boolean streams) throws Exception {
        Path data = Files.createTempDirectory("stream-cost");
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("up.cedar"), """
                @id("calls") permit (principal, action in Bulwark::Action::"call", resource in Bulwark::Connector::"up");
                """);
        ServerSettings server = new ServerSettings(null, 0, null, null, null, null, null,
                new StreamSettings(streams, null, null, null, null, null, null, null, null));
        return Gateway.start(new BulwarkConfig(data.toString(), server, null, null,
                new PolicySettings(policies.toString(), null), null, null, List.of(new UpstreamSettings("up",
                upstream.url().toString(), null, null, Map.of(), null, "30s", "tofu", false)), null,
                new GuardSettings(null, new InjectionSettings(null, null, null, null, null, "off")), null));
    }

    private static void report(String name, long[] nanos, long[] baseline) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2] / 1000.0;
        double p99 = sorted[(int) (sorted.length * 0.99)] / 1000.0;
        double mean = Arrays.stream(sorted).average().orElse(0) / 1000;
        String ratio = "";
        if (baseline != null) {
            long[] base = baseline.clone();
            Arrays.sort(base);
            ratio = String.format("  p50 %.2fx  p99 %.2fx  mean %.2fx", p50 / (base[base.length / 2] / 1000.0),
                    p99 / (base[(int) (base.length * 0.99)] / 1000.0),
                    mean / (Arrays.stream(base).average().orElse(0) / 1000));
        }
        System.out.printf("%-44s calls %d  p50 %8.1f us  p99 %8.1f us  mean %8.1f us%s%n", name, nanos.length, p50,
                p99, mean, ratio);
    }

    /** One agent's session on one gateway. */
    private record Target(Gateway gateway, String token, String session) {
        static Target open(Gateway gateway) throws Exception {
            String id = "cost-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            var registration = gateway.identity().agents().register(id, "cost@example.com", Set.of("any"), Map.of());
            String token = TestGateways.token(gateway, id, registration.apiKey().value());
            HttpResponse<String> init = send(gateway, token, null, INIT);
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            send(gateway, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            return new Target(gateway, token, session);
        }

        long[] run(String call, int n) throws Exception {
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = send(gateway, token, session, call);
                nanos[i] = System.nanoTime() - start;
                if (!answer.body().contains("echo: x")) {
                    throw new IllegalStateException("call failed: " + answer.statusCode());
                }
            }
            return nanos;
        }

        private static HttpResponse<String> send(Gateway gateway, String token, String session, String body)
                throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + token).header("MCP-Protocol-Version", "2025-11-25")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (session != null) {
                request.header("Mcp-Session-Id", session);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
