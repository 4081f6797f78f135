package dev.bulwark.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEgressConnectorTest {
    private static final Principal PRINCIPAL = new Principal(new Agent("test-agent", "team", Set.of(), Map.of(),
            AgentStatus.ACTIVE, Instant.EPOCH), Optional.empty(), "token-1", Set.of(), Instant.now().plusSeconds(600));
    private LoopbackServer server;
    private HttpEgressConnector connector;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        EgressLimits limits = EgressLimits.defaults();
        connector = new HttpEgressConnector("http", new HttpFetcher(new FakeDns(),
                AddressRules.exemptingLoopbackForTests(InetAddress.getByName("127.0.0.1")), limits), limits);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.close();
    }

    @Test
    void offersTwoEgressToolsWhoseOutputIsUntrusted() {
        assertThat(connector.tools()).extracting(Tool::name).containsExactly("http.fetch", "http.post");
        assertThat(connector.tools()).allMatch(t -> t.kind() == ToolKind.EGRESS
                && t.outputLabels().equals(Set.of("untrusted")));
    }

    @Test
    void returnsTheBodyLabelledUntrusted() throws Exception {
        ToolResult result = call("fetch", Map.of("url", server.url("/hello")));
        assertThat(result.error()).isFalse();
        assertThat(result.labels()).containsExactly("untrusted");
        assertThat(result.joinedText()).contains("\"status\":200").contains("\"body\":\"hello from loopback\"");
    }

    @Test
    void refusesWhenTheDecidedHostDiffersFromTheUrl() throws Exception {
        ToolResult result = call("fetch", Map.of("url", server.url("/hello"), "host", "docs.example.org"));
        assertThat(result.error()).isTrue();
        assertThat(result.joinedText()).contains("differ");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void reportsRefusalsAsToolErrors() throws Exception {
        ToolResult result = call("fetch", Map.of("url", "http://169.254.169.254/latest/meta-data/"));
        assertThat(result.error()).isTrue();
        assertThat(result.joinedText()).startsWith("egress refused:").contains("link-local");
    }

    @Test
    void postsOnlyTheOfferedContentTypes() throws Exception {
        assertThat(call("post", Map.of("url", server.url("/echo"), "body", "{}", "content_type", "text/html"))
                .joinedText()).contains("'content_type' must be one of");
        assertThat(call("post", Map.of("url", server.url("/echo"), "body", "{\"q\":1}")).joinedText())
                .contains("\"body\":\"{\\\"q\\\":1}\"");
    }

    @Test
    void factsAreTheCanonicalTarget() throws Exception {
        assertThat(EgressFacts.add(Map.of("url", "HTTPS://Docs.Example.ORG./a?b")))
                .containsEntry("host", "docs.example.org").containsEntry("scheme", "https").containsEntry("port", 443L);
    }

    private ToolResult call(String tool, Map<String, Object> args) throws Exception {
        Tool t = connector.tools().stream().filter(x -> x.localName().equals(tool)).findFirst().orElseThrow();
        return connector.call(new ToolCall("call-1", t, args, PRINCIPAL, "session-1"), ProgressListener.IGNORE);
    }
}
