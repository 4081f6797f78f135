package dev.bulwark.connectors.mcp;

import static dev.bulwark.connectors.TestCalls.call;
import static dev.bulwark.connectors.mcp.TestUpstreamTools.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StdioUpstreamTest {
    McpUpstreamConnector connector;

    @BeforeEach
    void launch() {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                StdioUpstreamMain.class.getName()));
        connector = McpUpstreamConnector.open(UpstreamServer.stdio("local", command)
                .withEnv(Map.of("BULWARK_GRANTED", "granted-value")), new InMemoryToolPins());
    }

    @AfterEach
    void stop() {
        connector.close();
    }

    private Tool tool(String name) {
        return connector.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void proxiesAStdioServerWithProgress() throws Exception {
        assertThat(connector.status().connected()).as(connector.status().toString()).isTrue();
        assertThat(connector.tools()).extracting(Tool::name).containsExactly("local.echo", "local.env", "local.slow");
        assertThat(connector.call(call(tool("local.echo"), args("text", "over stdio")), ProgressListener.IGNORE)
                .joinedText()).isEqualTo("echo: over stdio");

        List<Double> progress = new CopyOnWriteArrayList<>();
        connector.call(call(tool("local.slow"), Map.of()), (value, total, message) -> progress.add(value));
        assertThat(progress).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void passesOnlyConfiguredEnvironmentToTheProcess() throws Exception {
        Tool env = tool("local.env");
        assertThat(connector.call(call(env, args("name", "BULWARK_GRANTED")), ProgressListener.IGNORE).joinedText())
                .isEqualTo("granted-value");
        assumeThat(System.getenv("JAVA_HOME")).as("the gateway has a variable to withhold").isNotNull();
        assertThat(connector.call(call(env, args("name", "JAVA_HOME")), ProgressListener.IGNORE).joinedText())
                .isEqualTo("(unset)");
    }
}
