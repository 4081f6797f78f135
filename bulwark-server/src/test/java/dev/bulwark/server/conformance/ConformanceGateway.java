package dev.bulwark.server.conformance;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.gateway.TestGateways;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway the conformance client talks to: the reference server as its only upstream ({@code everything},
 * mounted without prefix, since the suite calls the reference server's tools by their own names), a
 * policy permitting the {@code conformance} role every tool, resource, resource template and prompt of it (all are
 * members of the upstream's connector, see docs/security/resources.md), the upstream permitted to ask the suite's client for
 * sampling, elicitation and roots during those calls (the suite's client declares them), and the client's token added to its requests by
 * the suite's preload ({@code inject-authorization.mjs}), since the suite itself cannot send credentials.
 */
final class ConformanceGateway {
    static final String UPSTREAM = "everything";
    static final String ROLE = "conformance";

    private ConformanceGateway() {}

    static BulwarkConfig config(Path data, String upstreamUrl) throws IOException {
        Path policies = Files.createDirectories(data.resolve("policies"));
        Files.writeString(policies.resolve("conformance.cedar"), """
                @id("conformance-uses-everything")
                permit (principal in Bulwark::Role::"%1$s", action in Bulwark::Action::"call",
                        resource in Bulwark::Connector::"%2$s");
                @id("everything-may-ask-the-conformance-client")
                permit (principal in Bulwark::Role::"%1$s", action in Bulwark::Action::"relay",
                        resource in Bulwark::Connector::"%2$s");
                """.formatted(ROLE, UPSTREAM));
        // A short upstream timeout keeps a regression from holding the suite: the reference server answers at once,
        // and the stream it closes mid-call (server-sse-polling) is resumed at once (docs/security/relay.md).
        // Guards as deployed by default (PII redaction, injection screening, spotlighting of the upstream's untrusted
        // output): screening keeps the content's shape (structured content, embedded resources), so the suite's
        // checks pass with them; what it measures is whether the gateway passes MCP through faithfully as shipped.
        return new BulwarkConfig(data.toString(), null, null, null, new PolicySettings(policies.toString(), null),
                null, null, List.of(new UpstreamSettings(UPSTREAM, upstreamUrl, null, null, Map.of(), null, "5s",
                "tofu", false)), null, null,
                null).withPort(0);
    }

    /** Environment for the suite's CLI: the preload that sends the conformance agent's token to the gateway. */
    static Map<String, String> clientEnvironment(Gateway gateway, ConformanceSuite suite) {
        var registration = gateway.identity().agents().register("conformance-client", "tests@example.com",
                Set.of(ROLE), Map.of());
        String token = TestGateways.token(gateway, "conformance-client", registration.apiKey().value());
        return Map.of(
                "NODE_OPTIONS", "--import " + suite.dir().resolve("inject-authorization.mjs").toUri(),
                "BULWARK_CONFORMANCE_AUTHORIZATION", "Bearer " + token,
                "BULWARK_CONFORMANCE_ORIGIN", gateway.mcpUrl());
    }
}
