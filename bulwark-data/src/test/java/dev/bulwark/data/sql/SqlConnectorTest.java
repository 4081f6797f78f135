package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqlConnectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    private static DataSource readOnly;

    @BeforeAll
    static void plant() throws Exception {
        readOnly = SqliteAttackCorpusTest.database(directory.resolve("data.db"), false);
    }

    private static SqlConnector connector(int maxRows, TableAccess access) {
        return new SqlConnector(new SqlConnectorConfig("db", SqlDialect.SQLITE, Fixtures.policy(), maxRows,
                Duration.ofSeconds(1), true, SqlLimits.DEFAULT), readOnly, access, Fixtures.HASH_KEY);
    }

    private static ToolResult call(SqlConnector connector, String tool, Map<String, Object> args, Principal principal)
            throws ConnectorException {
        Tool t = connector.tools().stream().filter(x -> x.name().equals(tool)).findFirst().orElseThrow();
        return connector.call(new ToolCall("c1", t, args, principal, "s1"), ProgressListener.IGNORE);
    }

    private static ToolResult query(SqlConnector connector, String sql) throws ConnectorException {
        return call(connector, "db.query", Map.of("sql", sql), Fixtures.support());
    }

    @Test
    void offersAQueryToolAndOneReadToolPerTableLabelledWithTheirColumns() {
        List<Tool> tools = connector(10, TableAccess.DENY_ALL).tools();
        assertThat(tools).extracting(Tool::name).containsExactly("db.query", "db.read_customers", "db.read_orders",
                "db.read_payroll", "db.read_products");
        assertThat(tools).allMatch(t -> t.kind() == ToolKind.READ);
        assertThat(tools.getFirst().outputLabels()).containsExactlyInAnyOrder("pii", "confidential");
        assertThat(tools.get(4).outputLabels()).isEmpty();
        assertThat(tools.get(1).inputSchema()).contains("\"id\"", "\"region\"", "\"limit\"").doesNotContain("\"ssn\"");
    }

    @Test
    void returnsOnlyPermittedRowsWithMaskedColumns() throws Exception {
        ToolResult result = query(connector(10, (p, t) -> true), "SELECT id, ssn, notes FROM customers ORDER BY id");
        JsonNode json = JSON.readTree(result.joinedText());
        assertThat(result.error()).isFalse();
        assertThat(json.get("columns").toString()).isEqualTo("[\"id\",\"ssn\",\"notes\"]");
        assertThat(json.get("rows").toString()).isEqualTo(
                "[[1,\"****1111\",\"[REDACTED]\"],[2,\"****2222\",\"[REDACTED]\"],[3,\"****3333\",\"[REDACTED]\"],"
                        + "[4,\"****4444\",\"[REDACTED]\"]]");
        assertThat(json.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void resultsCarryTheLabelsOfTheColumnsReadOnlyFromTablesRead() throws Exception {
        assertThat(query(connector(10, (p, t) -> true), "SELECT id, ssn FROM customers").labels())
                .isNotEmpty().isSubsetOf(connector(10, TableAccess.DENY_ALL).tools().getFirst().outputLabels());
        assertThat(query(connector(10, (p, t) -> true), "SELECT * FROM products").labels()).isEmpty();
    }

    @Test
    void worksThroughAConnectionPoolThatHandsOutProxies() throws Exception {
        DataSource pooled = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(readOnly, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    java.sql.Connection real = (java.sql.Connection) result;
                    return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> m.getName().equals("unwrap")
                                    ? real.unwrap((Class<?>) a[0]) : m.invoke(real, a));
                });
        SqlConnector connector = new SqlConnector(new SqlConnectorConfig("db", SqlDialect.SQLITE, Fixtures.policy(),
                10, Duration.ofSeconds(1), true, SqlLimits.DEFAULT), pooled, (p, t) -> true, Fixtures.HASH_KEY);
        ToolResult result = query(connector, "SELECT id, ssn FROM customers ORDER BY id");
        assertThat(result.error()).as(result.joinedText()).isFalse();
        assertThat(result.joinedText()).contains("****1111");
    }

    @Test
    void deniesEveryTableUnlessTableAccessAllows() throws Exception {
        ToolResult denied = query(connector(10, TableAccess.DENY_ALL), "SELECT name FROM products");
        assertThat(denied.error()).isTrue();
        assertThat(denied.joinedText()).isEqualTo("access to table products is denied");
        ToolResult partly = query(connector(10, (p, table) -> !table.equals("orders")),
                "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.id");
        assertThat(partly.joinedText()).isEqualTo("access to table orders is denied");
    }

    @Test
    void failsClosedWhenTableAccessThrows() throws Exception {
        ToolResult result = query(connector(10, (p, t) -> {
            throw new IllegalStateException("policy store down");
        }), "SELECT name FROM products");
        assertThat(result.error()).isTrue();
        assertThat(result.joinedText()).contains("denied");
    }

    @Test
    void cutsResultsAtTheRowLimitAndSaysSo() throws Exception {
        JsonNode json = JSON.readTree(query(connector(2, (p, t) -> true), "SELECT id FROM products").joinedText());
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void reportsRejectionsAndDatabaseErrorsAsToolErrors() throws Exception {
        SqlConnector connector = connector(10, (p, t) -> true);
        assertThat(query(connector, "SELEKT 1").joinedText()).startsWith("query rejected: the SQL could not be parsed");
        assertThat(query(connector, "SELECT id FROM customers, orders").joinedText())
                .startsWith("the database refused the query").contains("ambiguous column id");
        assertThat(query(connector, "DELETE FROM products").joinedText())
                .isEqualTo("query rejected: only SELECT statements are allowed");
    }

    @Test
    void refusesValuesThatWouldExhaustTheGatewaysMemory() throws Exception {
        ToolResult result = query(connector(10, (p, t) -> true), "SELECT printf('%.*c', 900000000, 'x') AS big");
        assertThat(result.error()).isTrue();
        assertThat(result.joinedText()).contains("larger than 4 MiB");
    }

    @Test
    void databaseErrorsDoNotRevealTheRewrite() throws Exception {
        ToolResult rowid = query(connector(10, (p, t) -> true), "SELECT rowid FROM customers");
        assertThat(rowid.error()).isTrue();
        assertThat(rowid.joinedText()).contains("unknown column rowid").doesNotContain("no such column")
                .doesNotContain("SQLITE").doesNotContain("__bulwark").doesNotContain("bulwark_");
    }

    @Test
    void stopsQueriesThatRunPastTheTimeout() throws Exception {
        ToolResult result = query(connector(10, (p, t) -> true),
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r");
        assertThat(result.error()).isTrue();
        assertThat(result.joinedText()).contains("statement timeout");
    }

    @Test
    void queryToolTakesExactlyOneSqlString() throws Exception {
        SqlConnector connector = connector(10, (p, t) -> true);
        assertThat(call(connector, "db.query", Map.of(), Fixtures.support()).joinedText()).contains("exactly one");
        assertThat(call(connector, "db.query", Map.of("sql", 1), Fixtures.support()).joinedText())
                .contains("exactly one");
        assertThat(call(connector, "db.query", Map.of("sql", "SELECT 1", "x", 1), Fixtures.support()).joinedText())
                .contains("exactly one");
    }

    @Test
    void readToolFiltersByEqualityOnFilterableColumnsWithinPolicy() throws Exception {
        SqlConnector connector = connector(10, (p, t) -> true);
        JsonNode eu = JSON.readTree(call(connector, "db.read_customers", Map.of("region", "EU"), Fixtures.support())
                .joinedText());
        assertThat(eu.get("rows")).hasSize(2);
        JsonNode secret = JSON.readTree(call(connector, "db.read_customers", Map.of("region", "SECRET"),
                Fixtures.support()).joinedText());
        assertThat(secret.get("rows")).isEmpty();
        JsonNode limited = JSON.readTree(call(connector, "db.read_customers", Map.of("limit", 1), Fixtures.support())
                .joinedText());
        assertThat(limited.get("rows")).hasSize(1);
        assertThat(limited.get("truncated").asBoolean()).isTrue();
        assertThat(call(connector, "db.read_customers", Map.of("ssn", "x"), Fixtures.support()).joinedText())
                .isEqualTo("query rejected: column ssn of customers cannot be filtered on");
        assertThat(call(connector, "db.read_customers", Map.of("limit", 0), Fixtures.support()).joinedText())
                .contains("limit must be an integer");
        assertThat(call(connector, "db.read_customers", Map.of("id", List.of(1)), Fixtures.support()).joinedText())
                .contains("must be a string, number or boolean");
    }

    @Test
    void refusesToolsItDoesNotOffer() {
        SqlConnector connector = connector(10, (p, t) -> true);
        Tool foreign = new Tool("db.drop_everything", "", "{\"type\":\"object\"}", ToolKind.WRITE, "db", Set.of());
        assertThatThrownBy(() -> connector.call(new ToolCall("c1", foreign, Map.of(), Fixtures.support(), "s1"),
                ProgressListener.IGNORE)).isInstanceOf(ConnectorException.class).hasMessageContaining("no tool");
    }

    @Test
    void executorRefusesWritesEvenOnAWritableDataSource() throws Exception {
        SQLiteDataSource writable = new SQLiteDataSource();
        writable.setUrl("jdbc:sqlite:" + directory.resolve("writable.db"));
        try (var c = writable.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
        }
        ReadOnlyExecutor executor = new ReadOnlyExecutor(writable, SqlDialect.SQLITE, Duration.ofSeconds(1));
        assertThatThrownBy(() -> executor.run(new QueryPlan("INSERT INTO t VALUES (1)", List.of(), List.of(), Set.of(),
                10))).isInstanceOf(SQLException.class);
    }

    @Test
    void verifiesThePolicyAgainstTheDatabase() throws Exception {
        connector(10, TableAccess.DENY_ALL).verifySchema();
        TablePolicy wrong = TablePolicy.of("orders", List.of(ColumnSpec.of("id")),
                AccessRule.of("r", RuleCondition.ALWAYS, "owner_id = :user.id", Map.of()));
        SqlConnector misconfigured = new SqlConnector(SqlConnectorConfig.of("db", SqlDialect.SQLITE,
                new SqlDataPolicy(List.of(wrong))), readOnly, TableAccess.DENY_ALL);
        assertThatThrownBy(misconfigured::verifySchema).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("no such column: owner_id");
        TablePolicy missingColumn = TablePolicy.of("orders", List.of(ColumnSpec.of("id"), ColumnSpec.of("colour")),
                AccessRule.of("r", RuleCondition.ALWAYS, "TRUE", Map.of()));
        SqlConnector noColumn = new SqlConnector(SqlConnectorConfig.of("db", SqlDialect.SQLITE,
                new SqlDataPolicy(List.of(missingColumn))), readOnly, TableAccess.DENY_ALL);
        assertThatThrownBy(noColumn::verifySchema).hasMessageContaining("colour");
    }

    @Test
    void delegatedCallsSeeTheUsersRowsWithRuleMasks() throws Exception {
        Principal sales = Fixtures.principal(Path.of(SqlConnectorTest.class.getResource(
                "/sql-rewrite/delegated-owner-filter-and-custom-mask/principal.json").toURI()));
        JsonNode json = JSON.readTree(call(connector(10, (p, t) -> true), "db.query",
                Map.of("sql", "SELECT id, notes, ssn FROM customers ORDER BY id"), sales).joinedText());
        assertThat(json.get("rows").toString()).isEqualTo(
                "[[1,\"CANARY_NOTE_1\",null],[3,\"CANARY_NOTE_3\",null],[6,\"n/a\",null]]");
    }
}
