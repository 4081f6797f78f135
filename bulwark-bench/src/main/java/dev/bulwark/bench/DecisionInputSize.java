package dev.bulwark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.spi.audit.AuditRecord;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes the recorded decision input ({@code details.decisionInput}, what a policy what-if replays) adds to each
 * {@code TOOL_CALL} audit record, measured on real calls through a gateway with the demo CRM: per tool, the size of
 * the decision input as compact JSON, of the record's whole {@code details}, and the input's share. The sessions are
 * {@code calls} long, so the session facts (recent tools, call count) grow as in a real agent run.
 *
 * <p>Usage: {@code DecisionInputSize [sessions=4] [calls=50]}
 */
public final class DecisionInputSize {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionInputSize() {}

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path work = Files.createTempDirectory("bulwark-decision-input");
        BulwarkConfig config = BulwarkConfig.defaults().withDataDir(work.resolve("data").toString()).withPort(0);
        try (Gateway gateway = Gateway.start(config)) {
            String token = BenchIdentity.supportToken(gateway);
            for (int s = 0; s < sessions; s++) {
                McpSyncClient client = McpClients.connect(gateway.localUrl(), token);
                for (int i = 0; i < calls; i++) {
                    client.callTool(call(i));
                }
                client.closeGracefully();
            }
            report(gateway.auditLog().read(1, 100_000));
        }
    }

    /** A support agent's mix: look-ups, searches, note updates, and a delete that policy refuses. */
    private static McpSchema.CallToolRequest call(int i) {
        return switch (i % 5) {
            case 0, 1 -> new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", 1 + i % 20));
            case 2 -> new McpSchema.CallToolRequest("crm.find_customers", Map.of("region", "EMEA", "limit", 5));
            case 3 -> new McpSchema.CallToolRequest("crm.update_customer_note", Map.of("id", 1 + i % 20,
                    "note", "Called back about invoice " + i + "; " + "customer asked for a refund. ".repeat(4)));
            default -> new McpSchema.CallToolRequest("crm.delete_customer", Map.of("id", 1 + i % 20));
        };
    }

    private static void report(List<AuditRecord> records) throws Exception {
        Map<String, List<long[]>> byTool = new TreeMap<>();
        Map<String, long[]> parts = new TreeMap<>();
        for (AuditRecord r : records) {
            Object input = r.event().details().get("decisionInput");
            if (!(input instanceof Map<?, ?> tree)) {
                continue;
            }
            for (Map.Entry<?, ?> part : tree.entrySet()) {
                long[] sum = parts.computeIfAbsent(String.valueOf(part.getKey()), k -> new long[2]);
                sum[0] += JSON.writeValueAsString(part.getValue()).getBytes(StandardCharsets.UTF_8).length;
                sum[1]++;
            }
            long inputBytes = JSON.writeValueAsString(input).getBytes(StandardCharsets.UTF_8).length;
            long detailBytes = JSON.writeValueAsString(r.event().details()).getBytes(StandardCharsets.UTF_8).length;
            byTool.computeIfAbsent(r.event().action() + " " + r.event().outcome(), k -> new ArrayList<>())
                    .add(new long[] {inputBytes, detailBytes});
        }
        System.out.printf("%-38s %5s %8s %8s %8s %10s %7s%n", "tool outcome", "n", "p50 B", "p90 B", "max B",
                "details B", "share");
        List<long[]> all = new ArrayList<>();
        byTool.forEach((tool, rows) -> {
            all.addAll(rows);
            print(tool, rows);
        });
        print("all", all);
        System.out.println("mean bytes per part of the decision input (records holding it):");
        parts.forEach((part, sum) -> System.out.printf("  %-20s %6d (in %d records)%n", part, sum[0] / sum[1], sum[1]));
    }

    private static void print(String label, List<long[]> rows) {
        long[] input = rows.stream().mapToLong(r -> r[0]).sorted().toArray();
        double inputSum = Arrays.stream(input).sum();
        double detailSum = rows.stream().mapToLong(r -> r[1]).sum();
        System.out.printf("%-38s %5d %8d %8d %8d %10.0f %6.0f%%%n", label, input.length, at(input, 0.5),
                at(input, 0.9), input[input.length - 1], detailSum / rows.size(), 100 * inputSum / detailSum);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
