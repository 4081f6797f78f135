package dev.bulwark.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.connectors.mcp.PinStatus;
import dev.bulwark.connectors.mcp.SqlToolPins;
import dev.bulwark.connectors.mcp.ToolPin;
import dev.bulwark.server.store.Databases;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The pin check the upstream connector makes before every call, on the gateway's SQLite pool: reading the whole pin
 * ({@code find(tool).allows(hash)}, before session 8's late change) against {@code allows(tool, hash)}. The pin has a
 * 1 KB description and a 2 KB schema, about what real MCP tools list. Rounds alternate; per check: thread CPU µs and
 * bytes allocated on the calling thread.
 *
 * <p>{@code java -cp <bench jar> dev.bulwark.bench.PinCheckCost [checks per round] [rounds]}
 */
public final class PinCheckCost {
    private PinCheckCost() {}

    public static void main(String[] args) throws Exception {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("pin-check");
        try (HikariDataSource pool = Databases.open("jdbc:sqlite:" + dir.resolve("state.db"), null, null)) {
            SqlToolPins pins = new SqlToolPins(pool);
            String hash = "ab".repeat(32);
            String schema = "{\"type\":\"object\",\"properties\":{" + "\"p\":{\"type\":\"string\"},".repeat(80)
                    + "\"q\":{\"type\":\"string\"}}}";
            pins.save(new ToolPin("up.search", PinStatus.APPROVED, Optional.of(hash), hash, "d".repeat(1_024), schema,
                    Instant.now()));
            measure(pins, hash, checks, true);
            measure(pins, hash, checks, false);
            for (int r = 1; r <= rounds; r++) {
                double[] whole = measure(pins, hash, checks, true);
                double[] narrow = measure(pins, hash, checks, false);
                System.out.printf("round %d: whole pin %.1f µs, %.0f B; allows %.1f µs, %.0f B per check;"
                        + " ratio CPU %.2f, bytes %.2f%n", r, whole[0], whole[1], narrow[0], narrow[1],
                        narrow[0] / whole[0], narrow[1] / whole[1]);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double[] measure(SqlToolPins pins, String hash, int checks, boolean whole) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long bytes = threads.getThreadAllocatedBytes(id);
        long cpu = threads.getCurrentThreadCpuTime();
        int allowed = 0;
        for (int i = 0; i < checks; i++) {
            boolean ok = whole ? pins.find("up.search").map(p -> p.allows(hash)).orElse(false)
                    : pins.allows("up.search", hash);
            allowed += ok ? 1 : 0;
        }
        if (allowed != checks) {
            throw new IllegalStateException("the approved pin was refused");
        }
        return new double[] {(threads.getCurrentThreadCpuTime() - cpu) / 1e3 / checks,
                (double) (threads.getThreadAllocatedBytes(id) - bytes) / checks};
    }
}
