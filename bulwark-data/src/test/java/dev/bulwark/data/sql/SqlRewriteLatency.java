package dev.bulwark.data.sql;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.bulwark.spi.identity.Principal;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rewrite overhead per query for a 3-join query (screen, parse, walk, deparse, policy substitution), against
 * executing the same query unrewritten on SQLite in the same run, and the rewritten query's execution. A plain main
 * (not a unit test: no timed assertions); a JMH version belongs in bulwark-bench.
 *
 * <p>JSqlParser's tokenizer ({@code CCJSqlParserTokenManager.jjMoveNfa_0}) is larger than HotSpot's limit for
 * compiling a method, so by default it stays interpreted; and the allocation-heavy parse runs about a quarter slower
 * under G1 than under the serial collector. Unless this JVM already compiles huge methods, the main then measures the rewrite again in
 * child JVMs started with {@code -XX:-DontCompileHugeMethods}, without and with {@code -XX:+UseSerialGC}, so one
 * command shows what the gateway's JVM flags are worth.
 *
 * <p>Run: {@code scripts/run-test-main.sh bulwark-data dev.bulwark.data.sql.SqlRewriteLatency [iterations]}
 */
public final class SqlRewriteLatency {
    static final String QUERY = "SELECT c.name, o.amount, p.name AS product FROM customers c "
            + "JOIN orders o ON o.customer_id = c.id JOIN products p ON p.id = o.id % 100 + 1 "
            + "WHERE o.status = 'open' AND c.region = 'EU' ORDER BY o.amount DESC";

    private static final String REWRITE_ONLY = "--rewrite-only";

    private SqlRewriteLatency() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        boolean rewriteOnly = args.length > 1 && args[1].equals(REWRITE_ONLY);
        RowSecurity rowSecurity = Fixtures.rowSecurity(Fixtures.policy(), SqlDialect.SQLITE, SqlLimits.DEFAULT);
        var principal = Fixtures.support();
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:")).toList();
        String jit = (flags.isEmpty() ? "JVM defaults" : String.join(" ", flags)) + "; huge methods "
                + (compilesHugeMethods() ? "compiled" : "interpreted");
        if (rewriteOnly) {
            System.out.println("  (child JVM, " + jit + ")");
            rewrites(rowSecurity, principal, iterations).report();
            System.exit(0);
        }
        Path file = Files.createTempFile("bulwark-latency", ".db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            seed(connection);
            org.sqlite.Function.create(connection, KeyedHash.SQLITE_FUNCTION,
                    new KeyedHash(Fixtures.HASH_KEY).sqliteFunction());
            Timings rewrite = rewrites(rowSecurity, principal, iterations);
            long[] cached = new long[iterations];
            QueryPlan plan = rowSecurity.plan(QUERY, principal, 500);
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                plan = rowSecurity.plan(QUERY, principal, 500);
                cached[i] = System.nanoTime() - start;
            }
            int runs = Math.max(200, iterations / 10);
            long[] raw = execute(connection, QUERY, List.of(), runs);
            long[] rewritten = execute(connection, plan.sql(), plan.parameters(), runs);
            System.out.printf("3-join query, %d rewrites, %d executions each, on %s%n", iterations, runs,
                    System.getProperty("java.vm.name") + " " + Runtime.version());
            System.out.println("  (" + jit + ")");
            rewrite.report();
            report("rewrite, repeated text (cached analysis)", cached);
            report("execute unrewritten on SQLite", raw);
            report("execute rewritten on SQLite", rewritten);
        } finally {
            Files.deleteIfExists(file);
        }
        if (!compilesHugeMethods()) {
            inChild(iterations, "-XX:-DontCompileHugeMethods");
            inChild(iterations, "-XX:-DontCompileHugeMethods", "-XX:+UseSerialGC");
        }
        System.exit(0);
    }

    /** Plans distinct texts, which defeat the analysis cache: every one is screened, parsed, walked and deparsed. */
    private static Timings rewrites(RowSecurity rowSecurity, Principal principal,
                                   int iterations) throws QueryRejectedException {
        String[] distinct = new String[iterations + iterations / 2];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = QUERY.replace("o.status = 'open'", "o.status = 'open' AND o.id > " + (i - 1_000_000));
        }
        for (int i = 0; i < iterations / 2; i++) {
            rowSecurity.plan(distinct[iterations + i], principal, 500);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] rewrite = new long[iterations];
        long[] cpu = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            rowSecurity.plan(distinct[i], principal, 500);
            rewrite[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        return new Timings(rewrite, cpu);
    }

    /**
     * Wall-clock and thread CPU time per rewrite, in nanoseconds. CPU time leaves out time the thread waited for a
     * core, which other processes on a shared machine add to the wall-clock tail.
     */
    private record Timings(long[] wall, long[] cpu) {
        void report() {
            SqlRewriteLatency.report("rewrite, new text (screen+parse+walk+deparse)", wall);
            SqlRewriteLatency.report("  the same rewrites, thread CPU time", cpu);
        }
    }

    private static boolean compilesHugeMethods() {
        return "false".equals(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("DontCompileHugeMethods").getValue());
    }

    /** Measures the rewrite again in a child JVM started with other flags. */
    private static void inChild(int iterations, String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SqlRewriteLatency.class.getName(),
                Integer.toString(iterations), REWRITE_ONLY));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the child JVM failed with exit code " + exit);
        }
    }

    private static long[] execute(Connection connection, String sql, List<Object> parameters, int runs)
            throws Exception {
        long[] times = new long[runs];
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            for (int warm = 0; warm < runs / 2; warm++) {
                drain(statement);
            }
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                drain(statement);
                times[i] = System.nanoTime() - start;
            }
        }
        return times;
    }

    private static void drain(PreparedStatement statement) throws Exception {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-48s p50 %8.1f µs   p99 %8.1f µs%n", what, sorted[sorted.length / 2] / 1000.0,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0);
    }

    /** 1,000 customers, 5,000 orders, 100 products; a quarter of the customers outside the principal's regions. */
    private static void seed(Connection connection) throws Exception {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT, region TEXT, "
                    + "ssn TEXT, owner_id TEXT, notes TEXT)");
            ddl.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, product_id INTEGER, "
                    + "amount INTEGER, region TEXT, status TEXT)");
            ddl.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price INTEGER)");
            ddl.execute("CREATE TABLE payroll (id INTEGER PRIMARY KEY, employee TEXT, salary INTEGER)");
            ddl.execute("CREATE INDEX orders_customer ON orders (customer_id)");
        }
        connection.setAutoCommit(false);
        String[] regions = {"EU", "NA", "EU", "APAC"};
        try (PreparedStatement c = connection.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement o = connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement p = connection.prepareStatement("INSERT INTO products VALUES (?, ?, ?)")) {
            for (int i = 1; i <= 100; i++) {
                p.setInt(1, i);
                p.setString(2, "product " + i);
                p.setInt(3, i * 3);
                p.executeUpdate();
            }
            for (int i = 1; i <= 1000; i++) {
                c.setInt(1, i);
                c.setString(2, "customer " + i);
                c.setString(3, "c" + i + "@example.test");
                c.setString(4, regions[i % 4]);
                c.setString(5, "123-45-" + (1000 + i));
                c.setString(6, "owner" + (i % 7));
                c.setString(7, "note " + i);
                c.executeUpdate();
            }
            for (int i = 1; i <= 5000; i++) {
                o.setInt(1, i);
                o.setInt(2, 1 + i % 1000);
                o.setInt(3, 1 + i % 100);
                o.setInt(4, i % 500);
                o.setString(5, regions[(i / 3) % 4]);
                o.setString(6, i % 3 == 0 ? "open" : "closed");
                o.executeUpdate();
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
    }
}
