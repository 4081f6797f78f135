package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's governed SQL connector over MCP: rows filtered and columns masked by rewrite, tables decided by Cedar. */
class SqlEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    static Gateway gateway;
    static String support;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
        support = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static McpSchema.CallToolResult query(String token, String sql) {
        try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
            return client.callTool(new McpSchema.CallToolRequest("sales.query", Map.of("sql", sql)));
        }
    }

    static JsonNode rows(McpSchema.CallToolResult r) throws Exception {
        assertThat(r.isError()).as(r.toString()).isFalse();
        return JSON.readTree(GatewayEndToEndTestSupport.unspotlighted(r)).get("rows");
    }

    @Test
    void supportAgentSeesOnlyItsRegionsWithMaskedColumns() throws Exception {
        JsonNode rows = rows(query(support, "SELECT region, email, notes FROM customers ORDER BY id"));
        assertThat(rows).isNotEmpty();
        for (JsonNode row : rows) {
            assertThat(row.get(0).asText()).isIn("EMEA", "NA");
            assertThat(row.get(1).asText()).doesNotContain("@");
            assertThat(row.get(2).asText()).isEqualTo("[REDACTED]");
        }
    }

    @Test
    void aggregatesAndSubqueriesOnlySeePermittedRows() throws Exception {
        JsonNode all = rows(query(support, "SELECT count(*) FROM customers WHERE region NOT IN ('EMEA', 'NA')"));
        assertThat(all.get(0).get(0).asInt()).isZero();
        JsonNode union = rows(query(support, "SELECT region FROM customers UNION SELECT region FROM "
                + "(SELECT * FROM customers) AS c"));
        for (JsonNode row : union) {
            assertThat(row.get(0).asText()).isIn("EMEA", "NA");
        }
    }

    @Test
    void unsafeStatementsAreRejected() {
        for (String sql : new String[] {"DELETE FROM customers", "SELECT * FROM sqlite_master",
                "SELECT 1; DROP TABLE customers", "SELECT load_extension('x')", "SELECT * FROM customers /* unterminated"}) {
            McpSchema.CallToolResult r = query(support, sql);
            assertThat(r.isError()).as(sql).isTrue();
        }
    }

    /** The review's side door: crm.find_customers over the same table must obey the table's policy. */
    @Test
    void crmToolsOverTheGovernedTableObeyItsPolicy() throws Exception {
        McpSchema.CallToolResult apac;
        McpSchema.CallToolResult all;
        try (McpSyncClient client = TestGateways.client(gateway, support, null)) {
            apac = client.callTool(new McpSchema.CallToolRequest("crm.find_customers", Map.of("region", "APAC")));
            all = client.callTool(new McpSchema.CallToolRequest("crm.find_customers", Map.of("limit", 50)));
        }
        assertThat(rows(apac)).isEmpty();
        JsonNode visible = rows(all);
        assertThat(visible).isNotEmpty();
        JsonNode hidden = rows(query(support, "SELECT count(*) FROM customers"));
        assertThat(visible.size()).isEqualTo(hidden.get(0).get(0).asInt());
        JsonNode columns = JSON.readTree(GatewayEndToEndTestSupport.unspotlighted(all)).get("columns");
        int email = indexOf(columns, "email");
        int notes = indexOf(columns, "notes");
        int region = indexOf(columns, "region");
        for (JsonNode row : visible) {
            assertThat(row.get(region).asText()).isIn("EMEA", "NA");
            assertThat(row.get(email).asText()).doesNotContain("@").hasSize(64);
            assertThat(row.get(notes).asText()).isEqualTo("[REDACTED]");
        }
    }

    @Test
    void crmToolsCannotReachOrChangeHiddenRows() throws Exception {
        int hiddenId = rowsOfAdminView("APAC");
        try (McpSyncClient client = TestGateways.client(gateway, support, null)) {
            McpSchema.CallToolResult get = client.callTool(new McpSchema.CallToolRequest("crm.get_customer",
                    Map.of("id", hiddenId)));
            assertThat(rows(get)).isEmpty();
            McpSchema.CallToolResult update = client.callTool(new McpSchema.CallToolRequest(
                    "crm.update_customer_note", Map.of("id", hiddenId, "note", "overwritten")));
            assertThat(update.isError()).isTrue();
        }
    }

    /** The id of a customer in {@code region}, read from the CRM database directly (the test sees everything). */
    private static int rowsOfAdminView(String region) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("crm.db"));
             var s = c.prepareStatement("SELECT id FROM customers WHERE region = ? ORDER BY id LIMIT 1")) {
            s.setString(1, region);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).as("the demo has a customer in " + region).isTrue();
                return rs.getInt(1);
            }
        }
    }

    private static int indexOf(JsonNode columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + columns);
    }

    /** Columns the policy decides are not redacted again by the default PII guard; secrets in them still are. */
    @Test
    void theDataPolicyNotTheGenericGuardDecidesGovernedColumns() throws Exception {
        JsonNode acme = rows(query(support, "SELECT name, tier FROM customers WHERE id = 1"));
        assertThat(acme.get(0).get(0).asText()).isEqualTo("Acme Logistics");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("crm.db"));
             var s = c.prepareStatement("UPDATE customers SET tier = ? WHERE id = 2")) {
            s.setString(1, "AKIAIOSFODNN7EXAMPLE");
            s.executeUpdate();
        }
        McpSchema.CallToolResult secret = query(support, "SELECT tier FROM customers WHERE id = 2");
        assertThat(GatewayEndToEndTestSupport.unspotlighted(secret)).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void agentWithoutTheRoleMayNotQuery() {
        String intern = TestGateways.token(gateway, "intern-bot", gateway.demoCredentials().internBotKey());
        McpSchema.CallToolResult r = query(intern, "SELECT id FROM customers");
        assertThat(r.isError()).isTrue();
        assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("DENIED");
    }

    @Test
    void resultsLabelTheSessionWithTheColumnsRead() {
        query(support, "SELECT name FROM customers");
        var record = GatewayEndToEndTestSupport.lastToolCall(gateway, "sales.query");
        assertThat(record.event().details().get("labels").toString()).contains("pii");
    }
}
