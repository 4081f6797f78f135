package dev.bulwark.bench;

import dev.bulwark.testkit.JettyMcpUpstream;
import dev.bulwark.testkit.McpTestTools;

import dev.bulwark.server.config.AuditSettings;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.DemoSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.ServerSettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.server.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server side of the throughput benchmark: a real upstream MCP server and a real gateway proxying it, each with
 * initialized MCP sessions, kept running until standard input closes. A separate load generator ({@code wrk}, see
 * {@code scripts/bench-throughput.sh}) drives both, so the measured processes do not also pay for heavyweight
 * clients. Prints one line {@code READY key=value ...} for the script.
 */
public final class ThroughputTarget {
    private static final String POLICY = """
            @id("bench-support-echo")
            permit (principal in Bulwark::Role::"support", action, resource == Bulwark::Tool::"up.echo");

            @id("bench-support-crm")
            permit (principal in Bulwark::Role::"support", action, resource == Bulwark::Tool::"crm.get_customer");
            """;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ThroughputTarget() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.warningsOnly();
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        String sync = args.length > 1 ? args[1] : "normal";
        Path work = Files.createTempDirectory("bulwark-throughput");
        Path policies = Files.createDirectories(work.resolve("policies"));
        Files.writeString(policies.resolve("bench.cedar"), POLICY);
        try (JettyMcpUpstream upstream = JettyMcpUpstream.start(List.of(McpTestTools.echo("Echoes the given text.")))) {
            BulwarkConfig config = new BulwarkConfig(work.resolve("data").toString(),
                    new ServerSettings("127.0.0.1", 0, null, null, null), null, null,
                    new PolicySettings(policies.toString(), null), new AuditSettings(null, sync), new DemoSettings(true),
                    List.of(new UpstreamSettings("up", upstream.url().toString(), null, null, null, null, null, null)));
            try (Gateway gateway = Gateway.start(config)) {
                String token = BenchIdentity.supportToken(gateway);
                List<String> gatewaySessions = new ArrayList<>();
                List<String> upstreamSessions = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    gatewaySessions.add(initialize(gateway.mcpUrl(), token));
                    upstreamSessions.add(initialize(upstream.url().toString(), null));
                }
                String admin = Files.readString(work.resolve("data").resolve("admin-token.txt")).trim();
                System.out.println("READY gateway=" + gateway.mcpUrl() + " upstream=" + upstream.url().toString()
                        + " token=" + token + " admin=" + admin + " base=" + gateway.baseUrl()
                        + " gatewaySessions=" + String.join(",", gatewaySessions)
                        + " upstreamSessions=" + String.join(",", upstreamSessions));
                System.out.flush();
                while (System.in.read() != -1) {
                    // run until the driving script closes our input
                }
            }
        }
        System.exit(0);
    }

    private static String initialize(String mcpUrl, String token) throws Exception {
        HttpRequest.Builder init = post(mcpUrl, token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"wrk","version":"1"}}}""");
        HttpResponse<String> r = HTTP.send(init.build(), HttpResponse.BodyHandlers.ofString());
        String session = r.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new IllegalStateException("no session from " + mcpUrl + ": " + r.body()));
        HTTP.send(post(mcpUrl, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .build(), HttpResponse.BodyHandlers.discarding());
        return session;
    }

    private static HttpRequest.Builder post(String url, String token, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b;
    }
}
