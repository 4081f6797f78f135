package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.Tool;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool list is handed out as one list while nothing changed, and as a new one once something did. */
class McpUpstreamToolListTest {
    HttpUpstream upstream;
    McpUpstreamConnector connector;

    @BeforeEach
    void start() throws Exception {
        upstream = HttpUpstream.start();
        connector = McpUpstreamConnector.open(UpstreamServer.http("up", upstream.url()).withMode(PinningMode.MANUAL),
                new InMemoryToolPins());
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        upstream.close();
    }

    @Test
    void theSameListWhileTheCatalogIsUnchangedAndANewOneAfterAnApproval() {
        List<Tool> before = connector.tools();
        assertThat(before).isEmpty();
        assertThat(connector.tools()).isSameAs(before);

        connector.approve("up.echo");
        List<Tool> approved = connector.tools();
        assertThat(approved).isNotSameAs(before).extracting(Tool::name).containsExactly("up.echo");
        assertThat(connector.tools()).isSameAs(approved);

        connector.refresh();
        assertThat(connector.tools()).extracting(Tool::name).containsExactly("up.echo");
    }
}
