import java.sql.*;
import java.nio.file.*;
import java.lang.management.*;

/**
 * Thread CPU per read of one session (its row, 2 labels, 20 recent tools) on a SQLite file in WAL mode, plain JDBC:
 * the UNION with a row per label and tool that the store used ({@code union}), the packed one-row read of
 * {@code SessionRead} ({@code agg}), and the session row alone ({@code row}). {@code javac -cp
 * sqlite-jdbc.jar -d out scripts/bench/SessionReadShapes.java && java --enable-native-access=ALL-UNNAMED -cp
 * out:sqlite-jdbc.jar SessionReadShapes}.
 */
public class SessionReadShapes {
    public static void main(String[] a) throws Exception {
        Path dir = Files.createTempDirectory("rs");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("journal_mode", "WAL"); p.setProperty("synchronous", "NORMAL");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("x.db"), p); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bulwark_sessions (id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, user_id TEXT NOT NULL, started_at BIGINT NOT NULL, last_used BIGINT NOT NULL, call_count BIGINT NOT NULL)");
            s.execute("CREATE INDEX bulwark_sessions_last_used ON bulwark_sessions (last_used)");
            s.execute("CREATE TABLE bulwark_session_labels (session_id TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (session_id, label))");
            s.execute("CREATE TABLE bulwark_session_tools (session_id TEXT NOT NULL, seq BIGINT NOT NULL, tool TEXT NOT NULL, PRIMARY KEY (session_id, seq))");
            for (int k = 0; k < 100; k++) {
                String id = "agent:bot" + k;
                s.execute("INSERT INTO bulwark_sessions VALUES ('" + id + "', 'bot', '', 1, 1, 100)");
                for (String l : new String[] {"untrusted", "internal"}) s.execute("INSERT INTO bulwark_session_labels VALUES ('" + id + "', '" + l + "')");
                for (int i = 81; i <= 100; i++) s.execute("INSERT INTO bulwark_session_tools VALUES ('" + id + "', " + i + ", 'up.echo')");
            }
            String union = "SELECT 0 AS part, started_at AS n, call_count AS m, NULL AS t, last_used AS l, agent_id AS a, user_id AS u FROM bulwark_sessions WHERE id = ?"
                + " UNION ALL SELECT 1, 0, 0, label, 0, NULL, NULL FROM bulwark_session_labels WHERE session_id = ?"
                + " UNION ALL SELECT 2, seq, 0, tool, 0, NULL, NULL FROM bulwark_session_tools WHERE session_id = ? ORDER BY part, n";
            String agg = "SELECT started_at, call_count, last_used, agent_id, user_id,"
                + " (SELECT string_agg(length(label) || ':' || label, '') FROM bulwark_session_labels WHERE session_id = s.id),"
                + " (SELECT string_agg(length(tool) || ':' || tool, '' ORDER BY seq) FROM bulwark_session_tools WHERE session_id = s.id)"
                + " FROM bulwark_sessions s WHERE id = ?";
            String rowOnly = "SELECT started_at, call_count, last_used, agent_id, user_id FROM bulwark_sessions WHERE id = ?";
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 3; round++) {
                for (String[] q : new String[][] {{"union", union}, {"agg", agg}, {"row", rowOnly}}) {
                    try (PreparedStatement ps = c.prepareStatement(q[1])) {
                        int params = ps.getParameterMetaData().getParameterCount();
                        long cpu0 = mx.getCurrentThreadCpuTime(); long sink = 0;
                        int n = 20000;
                        for (int i = 0; i < n; i++) {
                            String id = "agent:bot" + (i % 100);
                            for (int j = 1; j <= params; j++) ps.setString(j, id);
                            try (ResultSet r = ps.executeQuery()) {
                                while (r.next()) { int cols = r.getMetaData().getColumnCount(); for (int j = 1; j <= cols; j++) { Object o = r.getObject(j); if (o != null) sink += o.hashCode(); } }
                            }
                        }
                        if (round == 2) System.out.printf("%s: %.1f us CPU per read (%d)%n", q[0], (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / n, sink & 1);
                    }
                }
            }
        }
    }
}
