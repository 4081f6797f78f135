package dev.bulwark.server.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.GuardSettings;
import dev.bulwark.server.config.InjectionSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.testkit.JettyMcpUpstream;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A real gateway on a loopback port in front of one upstream MCP server mounted as {@code up}, under one Cedar policy
 * file: the set-up the end-to-end tests of relayed MCP features share. Agents are registered in a role and reach it
 * over Streamable HTTP with the SDK's client. Closing it closes the gateway, then the upstream.
 */
final class UpstreamGateway implements AutoCloseable {
    /** Lets agents in the {@code support} role do anything with the upstream's tools. */
    static final String SUPPORT_USES_UPSTREAM = """
            @id("support-uses-upstream")
            permit (principal in Bulwark::Role::"support", action, resource in Bulwark::Connector::"up");
            """;

    /** Lets agents in the {@code reader} role read the upstream's resources and prompts. */
    static final String READERS_READ_UP = """
            @id("readers-use-notes")
            permit (principal in Bulwark::Role::"reader", action == Bulwark::Action::"read",
                    resource in Bulwark::Connector::"up");
            """;

    private final JettyMcpUpstream upstream;
    private final Gateway gateway;

    private UpstreamGateway(JettyMcpUpstream upstream, Gateway gateway) {
        this.upstream = upstream;
        this.gateway = gateway;
    }

    /**
     * How the gateway mounts the upstream.
     *
     * @param timeout      per-call timeout of the upstream
     * @param prefix       what agents see in front of its tool names: {@code null} for {@code up.}, {@code false} for
     *                     none
     * @param spotlighting the injection guard's spotlighting of untrusted output; {@code null} for the default
     */
    record Mount(String timeout, Boolean prefix, String spotlighting) {
        /** Prefixed, a ten-second timeout, no spotlighting: output reaches the agent as the upstream sent it. */
        static final Mount PLAIN = new Mount("10s", null, "off");
        /** Prefixed, a ten-second timeout and the default guards. */
        static final Mount GUARDED = new Mount("10s", null, null);

        Mount unprefixed() {
            return new Mount(timeout, false, spotlighting);
        }

        Mount withTimeout(String timeout) {
            return new Mount(timeout, prefix, spotlighting);
        }
    }

    /**
     * The configuration of a gateway with its data in {@code data}, {@code policy} as its only policy file and
     * {@code upstream} mounted as {@code up}.
     */
    private static BulwarkConfig config(Path data, JettyMcpUpstream upstream, String policy, Mount mount)
            throws IOException {
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("up.cedar"), policy);
        return new BulwarkConfig(data.toString(), null, null, null, new PolicySettings(policies.toString(), null),
                null, null, List.of(new UpstreamSettings("up", upstream.url().toString(), null, null, Map.of(), null,
                mount.timeout(), "tofu", mount.prefix())), null, new GuardSettings(null, new InjectionSettings(null,
                null, null, null, null, mount.spotlighting())), null).withPort(0);
    }

    /**
     * Starts a gateway in front of {@code upstream} where agents in the {@code support} role may do anything with it;
     * the caller closes both.
     */
    static Gateway startForSupport(Path data, JettyMcpUpstream upstream, Mount mount) throws Exception {
        return Gateway.start(config(data, upstream, SUPPORT_USES_UPSTREAM, mount));
    }

    /** Starts a gateway in front of {@code upstream}, which it then owns: on failure, the upstream is closed too. */
    static UpstreamGateway start(Path data, JettyMcpUpstream upstream, String policy, Mount mount) throws Exception {
        try {
            return new UpstreamGateway(upstream, Gateway.start(config(data, upstream, policy, mount)));
        } catch (Exception | Error e) {
            upstream.close();
            throw e;
        }
    }

    Gateway gateway() {
        return gateway;
    }

    JettyMcpUpstream upstream() {
        return upstream;
    }

    /** Registers agent {@code agentId} in {@code role} and returns a bearer token for it. */
    static String token(Gateway gateway, String agentId, String role) {
        var registration = gateway.identity().agents().register(agentId, "tests@example.com", Set.of(role), Map.of());
        return TestGateways.token(gateway, agentId, registration.apiKey().value());
    }

    /** An initialized client of agent {@code agentId}, registered in {@code role}. */
    static McpSyncClient client(Gateway gateway, String agentId, String role) {
        return TestGateways.client(gateway, token(gateway, agentId, role), null);
    }

    /** Registers a new agent in {@code role}, named after it, and returns a bearer token for it. */
    String token(String role) {
        return token(gateway, role + "-" + UUID.randomUUID().toString().substring(0, 8), role);
    }

    /** An initialized client of agent {@code agentId}, registered in {@code role}. */
    McpSyncClient client(String agentId, String role) {
        return client(gateway, agentId, role);
    }

    /**
     * The SDK client of a new agent in {@code role}, not yet built: the test adds the capabilities and consumers it
     * needs, builds and initializes it.
     */
    McpClient.SyncSpec clientSpec(String role) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(gateway.localUrl())
                .endpoint("/mcp").jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token(role))).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            upstream.close();
        }
    }
}
