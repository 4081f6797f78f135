package dev.bulwark.documents;

import static dev.bulwark.documents.Fixtures.agent;
import static dev.bulwark.documents.Fixtures.groups;
import static dev.bulwark.documents.Fixtures.principals;
import static dev.bulwark.documents.Fixtures.text;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentsConnectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    LuceneDocumentStore store;
    DocumentIngestor ingestor;
    DocumentsConnector connector;

    @BeforeEach
    void open() throws Exception {
        store = Fixtures.openStore(directory);
        ingestor = new DocumentIngestor(store, List.of(Fixtures.EMAILS));
        connector = new DocumentsConnector("docs", store);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private ToolResult call(Principal caller, Map<String, Object> arguments) throws ConnectorException {
        Tool tool = connector.tools().getFirst();
        return connector.call(new ToolCall("call-1", tool, arguments, caller, "session-1"), ProgressListener.IGNORE);
    }

    @Test
    void offersOneReadToolWhoseLabelsAreTheUnionOfStoredLabels() throws Exception {
        assertThat(connector.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("docs.search");
            assertThat(tool.kind()).isEqualTo(ToolKind.READ);
            assertThat(tool.outputLabels()).isEmpty();
            assertThat(JSON.readTree(tool.inputSchema()).at("/properties/top_k/maximum").asInt()).isEqualTo(50);
        });
        assertThat(connector.tools()).isSameAs(connector.tools());
        ingestor.ingest(text("a", "contact bob@example.com", principals("agent:alice")));

        assertThat(connector.tools().getFirst().outputLabels())
                .containsExactlyInAnyOrder("untrusted", "internal", "pii", "pii:EMAIL_ADDRESS");
    }

    @Test
    void returnsChunksAsJsonWithPerChunkLabelsOnlyForPermittedDocuments() throws Exception {
        ingestor.ingest(text("visible", "quarterly numbers, ask carol@example.com", groups("sales")));
        ingestor.ingest(text("hidden", "quarterly numbers for the board", principals("agent:ceo")));

        ToolResult result = call(agent("seller", "sales"), Map.of("query", "quarterly numbers", "top_k", 5));

        assertThat(result.error()).isFalse();
        JsonNode body = JSON.readTree(result.joinedText());
        assertThat(body.get("results")).hasSize(1);
        JsonNode chunk = body.get("results").get(0);
        assertThat(chunk.get("document_id").asText()).isEqualTo("visible");
        assertThat(chunk.get("text").asText()).contains("carol@example.com");
        assertThat(chunk.get("integrity").asText()).isEqualTo("untrusted");
        assertThat(chunk.get("confidentiality").asText()).isEqualTo("internal");
        assertThat(JSON.convertValue(chunk.get("labels"), List.class))
                .containsExactly("untrusted", "internal", "pii", "pii:EMAIL_ADDRESS");
        assertThat(JSON.convertValue(body.get("labels"), Set.class))
                .containsExactlyInAnyOrder("untrusted", "internal", "pii", "pii:EMAIL_ADDRESS");
        assertThat(body.get("withheld")).isEmpty();
        assertThat(result.joinedText()).doesNotContain("board");
    }

    @Test
    void refusesBadArgumentsAsToolErrors() throws Exception {
        var caller = agent("alice");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of(), Map.of("query", ""), Map.of("query", 42), Map.of("query", "x", "top_k", 51),
                Map.of("query", "x", "top_k", 0), Map.of("query", "x", "top_k", 2.5),
                Map.of("query", "x", "top_k", "5"), Map.of("query", "x", "filter", "acl:*"),
                Map.of("query", "?!*"))) {
            ToolResult result = call(caller, bad);
            assertThat(result.error()).as(bad.toString()).isTrue();
            assertThat(result.joinedText()).startsWith("invalid arguments");
        }
    }

    @Test
    void refusesToolsOfOtherConnectors() {
        Tool foreign = new Tool("other.search", "", "{\"type\":\"object\"}", ToolKind.READ, "other", Set.of());

        assertThatThrownBy(() -> connector.call(new ToolCall("c", foreign, Map.of("query", "x"), agent("a"), "s"),
                ProgressListener.IGNORE)).isInstanceOf(ConnectorException.class);
    }
}
