package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Runs the bypass attempts in {@code sql-attacks/attacks.txt} (one per line; blank lines and lines starting with
 * {@code %%} are skipped) through a {@link SqlConnector} as the support principal. Each attack must be rejected (no
 * canary in the message), or return rows without any canary that equal, as a multiset, what the same SQL returns on
 * the oracle database holding only the permitted, masked data: no hidden row, count or value can leak.
 */
final class AttackCorpus {
    /** Decimals read exactly: a double would round what the database returned. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();

    private AttackCorpus() {}

    static List<String> attacks() throws IOException {
        try (InputStream in = AttackCorpus.class.getResourceAsStream("/sql-attacks/attacks.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("%%")).toList();
        }
    }

    static SqlConnector connector(SqlDialect dialect, DataSource real) {
        return connector(dialect, real, Fixtures.policy());
    }

    /** A deliberately broken policy (support sees every row unmasked), to prove the corpus detects leaks. */
    static SqlDataPolicy permissivePolicy() {
        List<TablePolicy> tables = new ArrayList<>();
        for (TablePolicy table : Fixtures.policy().tables()) {
            tables.add(new TablePolicy(table.name(), table.schema(), table.columns(), List.of(
                    AccessRule.of("everything", RuleCondition.ALWAYS, "TRUE", Map.of()))));
        }
        return new SqlDataPolicy(tables);
    }

    static SqlConnector connector(SqlDialect dialect, DataSource real, SqlDataPolicy policy) {
        SqlConnectorConfig config = new SqlConnectorConfig("db", dialect, policy, 1000,
                java.time.Duration.ofSeconds(5), false, SqlLimits.DEFAULT);
        return new SqlConnector(config, real, (principal, table) -> true, Fixtures.HASH_KEY);
    }

    /** Asserts the attack leaks nothing; returns whether it was answered with rows (for corpus statistics). */
    static boolean assertNoLeak(SqlConnector connector, DataSource oracle, String attack) throws Exception {
        Tool query = connector.tools().getFirst();
        ToolResult result = connector.call(new ToolCall("call-1", query, Map.of("sql", attack), Fixtures.support(),
                "session-1"), ProgressListener.IGNORE);
        String text = result.joinedText();
        assertThat(text).as("output of %s", attack).doesNotContainIgnoringCase(PlantedData.CANARY);
        if (result.error()) {
            LAST_ERROR.set(text);
            return false;
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode row : JSON.readTree(text).get("rows")) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.isNumber() ? number(cell.decimalValue()) : cell.asText()));
            actual.add(cells.toString());
        }
        assertThat(JSON.readTree(text).get("truncated").asBoolean()).as("corpus results fit the row limit").isFalse();
        assertThat(actual).as("rows of %s compared with the oracle", attack)
                .containsExactlyInAnyOrderElementsOf(oracleRows(oracle, attack));
        return true;
    }

    /** The refusal text of the last rejected call on this thread. */
    static String lastError() {
        return LAST_ERROR.get();
    }

    private static List<String> oracleRows(DataSource oracle, String attack) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = oracle.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(attack)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    Object value = rs.getObject(c);
                    cells.add(value instanceof Number n && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))
                            ? number(new BigDecimal(n.toString())) : value instanceof byte[] b
                            ? "<" + b.length + " bytes>" : String.valueOf(value));
                }
                rows.add(cells.toString());
            }
        }
        return rows;
    }

    private static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
