package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolExecution;
import dev.bulwark.spi.tool.ToolExecution.TaskSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real upstream's tool execution reaches the connector as declared and is pinned; hostile ones are dropped. */
class UpstreamToolExecutionTest {
    HttpUpstream upstream;
    InMemoryToolPins pins = new InMemoryToolPins();
    McpUpstreamConnector connector;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = HttpUpstream.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        upstream.close();
    }

    private Tool tool(String name) {
        return connector.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void offersEachToolWithTheExecutionItsUpstreamDeclared() {
        upstream.declareToolField("echo", "execution", Map.of("taskSupport", "optional"));
        upstream.declareToolField("slow", "execution", Map.of());
        connector = McpUpstreamConnector.open(UpstreamServer.http("up", upstream.url()), pins);
        assertThat(tool("up.echo").details().execution()).isEqualTo(new ToolExecution(TaskSupport.OPTIONAL));
        assertThat(tool("up.slow").details().execution()).isEqualTo(ToolExecution.UNSTATED);
        assertThat(tool("up.add").details().execution()).isNull();
        assertThat(connector.status().warnings()).isEmpty();
    }

    @Test
    void blocksAToolWhoseExecutionChangedUntilReapproved() {
        upstream.declareToolField("echo", "execution", Map.of("taskSupport", "forbidden"));
        connector = McpUpstreamConnector.open(UpstreamServer.http("up", upstream.url()), pins);
        assertThat(tool("up.echo").details().execution()).isEqualTo(new ToolExecution(TaskSupport.FORBIDDEN));

        upstream.declareToolField("echo", "execution", Map.of("taskSupport", "required"));
        connector.refresh();
        assertThat(connector.tools()).extracting(Tool::name).doesNotContain("up.echo").contains("up.add");
        assertThat(pins.find("up.echo").orElseThrow().status()).isEqualTo(PinStatus.BLOCKED);

        connector.approve("up.echo");
        assertThat(tool("up.echo").details().execution()).isEqualTo(new ToolExecution(TaskSupport.REQUIRED));
    }

    @Test
    void offersAToolWithAHostileExecutionWithoutItAndSaysWhy() {
        upstream.declareToolField("echo", "execution", Map.of("taskSupport", "always-SECRET", "more", List.of(1, 2)));
        upstream.declareToolField("add", "execution", "required");
        connector = McpUpstreamConnector.open(UpstreamServer.http("up", upstream.url()), pins);
        assertThat(tool("up.echo").details().execution()).isNull();
        assertThat(tool("up.add").details().execution()).isNull();
        assertThat(connector.status().warnings()).containsExactlyInAnyOrder(
                "tool 'add': " + SdkToolExecution.LEFT_OUT, "tool 'echo': " + SdkToolExecution.LEFT_OUT);
        assertThat(String.join(" ", connector.status().warnings())).doesNotContain("SECRET");
    }
}
