package dev.bulwark.connectors.crm;

import static dev.bulwark.connectors.TestCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.connectors.Json;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCrmConnectorTest {
    @TempDir
    Path dir;
    SqliteCrmConnector crm;

    @BeforeEach
    void open() throws Exception {
        crm = new SqliteCrmConnector(dir.resolve("data/crm.db"));
    }

    @AfterEach
    void close() throws Exception {
        crm.close();
    }

    private ToolResult run(Tool tool, Map<String, Object> args) throws ConnectorException {
        return crm.call(call(tool, args), ProgressListener.IGNORE);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rowsOf(ToolResult result) {
        assertThat(result.error()).as(result.joinedText()).isFalse();
        return (List<Map<String, Object>>) Json.readObject("{\"rows\":" + result.joinedText() + "}").get("rows");
    }

    @Test
    void createsAndSeedsTheDatabaseWhenAbsent() throws Exception {
        assertThat(dir.resolve("data/crm.db")).exists();
        List<Map<String, Object>> all = rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("limit", 50)));
        assertThat(all).hasSize(20);
        assertThat(all.getFirst()).containsOnlyKeys("id", "name", "email", "phone", "region", "tier", "notes", "owner");
        assertThat(all).allSatisfy(row -> assertThat((String) row.get("email")).endsWith(".example"));
    }

    @Test
    void doesNotSeedAgainWhenReopened() throws Exception {
        run(CrmTools.DELETE_CUSTOMER, Map.of("id", 1));
        crm.close();
        crm = new SqliteCrmConnector(dir.resolve("data/crm.db"));
        assertThat(rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("limit", 50)))).hasSize(19);
    }

    @Test
    void offersFourNamespacedToolsWithStrictSchemasAndLabels() {
        assertThat(crm.name()).isEqualTo("crm");
        assertThat(crm.tools()).extracting(Tool::name).containsExactly("crm.find_customers", "crm.get_customer",
                "crm.update_customer_note", "crm.delete_customer");
        assertThat(crm.tools()).allSatisfy(tool -> {
            Map<String, Object> schema = Json.readObject(tool.inputSchema());
            assertThat(schema).containsEntry("type", "object").containsEntry("additionalProperties", false);
        });
        assertThat(CrmTools.FIND_CUSTOMERS.kind()).isEqualTo(ToolKind.READ);
        assertThat(CrmTools.GET_CUSTOMER.outputLabels()).isEqualTo(Set.of("pii", "internal"));
        assertThat(CrmTools.FIND_CUSTOMERS.outputLabels()).isEqualTo(Set.of("pii", "internal"));
        assertThat(CrmTools.UPDATE_CUSTOMER_NOTE.kind()).isEqualTo(ToolKind.WRITE);
        assertThat(CrmTools.DELETE_CUSTOMER.kind()).isEqualTo(ToolKind.WRITE);
    }

    @Test
    void findsByRegionAndNameFragmentWithinTheLimit() throws Exception {
        List<Map<String, Object>> emea = rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("region", "EMEA")));
        assertThat(emea).isNotEmpty().allSatisfy(row -> assertThat(row.get("region")).isEqualTo("EMEA"));

        List<Map<String, Object>> byName = rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("name_contains", "ACME")));
        assertThat(byName).extracting(row -> row.get("name")).containsExactly("Acme Logistics");

        assertThat(rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("limit", 3)))).hasSize(3);
        assertThat(rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of()))).hasSize(CrmTools.DEFAULT_LIMIT);
    }

    @Test
    void getsOneCustomerById() throws Exception {
        ToolResult result = run(CrmTools.GET_CUSTOMER, Map.of("id", 3));
        assertThat(result.error()).isFalse();
        Map<String, Object> row = Json.readObject(result.joinedText());
        assertThat(row).containsEntry("id", 3).containsEntry("name", "Cobalt Analytics GmbH");
    }

    @Test
    void updatesANoteAndReturnsTheUpdatedCustomer() throws Exception {
        ToolResult result = run(CrmTools.UPDATE_CUSTOMER_NOTE, Map.of("id", 2, "note", "Call back on Monday."));
        assertThat(Json.readObject(result.joinedText())).containsEntry("notes", "Call back on Monday.");
        assertThat(Json.readObject(run(CrmTools.GET_CUSTOMER, Map.of("id", 2)).joinedText()))
                .containsEntry("notes", "Call back on Monday.");
    }

    @Test
    void deletesACustomer() throws Exception {
        assertThat(run(CrmTools.DELETE_CUSTOMER, Map.of("id", 5)).joinedText()).isEqualTo("{\"deleted\":5}");
        ToolResult again = run(CrmTools.GET_CUSTOMER, Map.of("id", 5));
        assertThat(again.error()).isTrue();
        assertThat(again.joinedText()).isEqualTo("no customer with id 5");
    }

    @Test
    void reportsUnknownIdsAsToolErrors() throws Exception {
        for (Tool tool : List.of(CrmTools.GET_CUSTOMER, CrmTools.DELETE_CUSTOMER)) {
            ToolResult result = run(tool, Map.of("id", 999));
            assertThat(result.error()).isTrue();
            assertThat(result.joinedText()).isEqualTo("no customer with id 999");
        }
        assertThat(run(CrmTools.UPDATE_CUSTOMER_NOTE, Map.of("id", 999, "note", "x")).error()).isTrue();
    }

    @Test
    void refusesMalformedArgumentsAsToolErrors() throws Exception {
        assertThat(run(CrmTools.GET_CUSTOMER, Map.of()).joinedText()).contains("'id' is required");
        assertThat(run(CrmTools.GET_CUSTOMER, Map.of("id", "3")).joinedText()).contains("'id' must be an integer");
        assertThat(run(CrmTools.GET_CUSTOMER, Map.of("id", 0)).error()).isTrue();
        assertThat(run(CrmTools.GET_CUSTOMER, Map.of("id", 2.5)).error()).isTrue();
        assertThat(run(CrmTools.GET_CUSTOMER, Map.of("id", 3, "extra", true)).joinedText())
                .contains("unexpected argument 'extra'");
        assertThat(run(CrmTools.FIND_CUSTOMERS, Map.of("limit", 51)).error()).isTrue();
        assertThat(run(CrmTools.FIND_CUSTOMERS, Map.of("region", "")).error()).isTrue();
        assertThat(run(CrmTools.UPDATE_CUSTOMER_NOTE, Map.of("id", 1, "note", "n".repeat(2001))).error()).isTrue();
        assertThat(run(CrmTools.UPDATE_CUSTOMER_NOTE, Map.of("id", 1, "note", "n".repeat(2000))).error()).isFalse();
    }

    @Test
    void sqlInjectionLookingInputStaysData() throws Exception {
        String hostileRegion = "EMEA' OR '1'='1";
        assertThat(rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("region", hostileRegion)))).isEmpty();
        assertThat(rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("name_contains", "%")))).isEmpty();
        assertThat(rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("name_contains", "_")))).isEmpty();
        assertThat(rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("name_contains", "x'); DROP TABLE customers; --"))))
                .isEmpty();

        String hostileNote = "'); DELETE FROM customers; --";
        ToolResult updated = run(CrmTools.UPDATE_CUSTOMER_NOTE, Map.of("id", 4, "note", hostileNote));
        assertThat(Json.readObject(updated.joinedText())).containsEntry("notes", hostileNote);
        assertThat(rowsOf(run(CrmTools.FIND_CUSTOMERS, Map.of("limit", 50)))).hasSize(20);
    }

    @Test
    void refusesAToolItDoesNotOffer() {
        Tool foreign = new Tool("crm.drop_everything", "", "{\"type\":\"object\"}", ToolKind.WRITE, "crm", Set.of());
        assertThatThrownBy(() -> run(foreign, new HashMap<>())).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("no tool crm.drop_everything");
    }

    @Test
    void turnsDatabaseFailuresIntoConnectorExceptions() throws Exception {
        crm.close();
        assertThatThrownBy(() -> run(CrmTools.GET_CUSTOMER, Map.of("id", 1)))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("the CRM database failed to carry out crm.get_customer");
    }

    @Test
    void refusesADatabasePathThatCannotBeOpened() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> new SqliteCrmConnector(file.resolve("crm.db")))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("cannot open the CRM database");
    }
}
