package dev.bulwark.bench.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.identity.AgentRegistration;
import dev.bulwark.identity.TokenRequest;
import dev.bulwark.identity.TokenResponse;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.ConfigLoader;
import dev.bulwark.server.config.DemoSettings;
import dev.bulwark.server.config.PolicySettings;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.http.IntentHeader;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays one suite through a real gateway configured with the suite's configuration file: the upstream it names is
 * pointed at a {@link ReplayUpstream} of the suite's tools, the demo is off, and the policy directory holds the
 * default flow pack ({@code flow.cedar}) and one permit letting the replay agent call any tool (so what is refused is
 * refused by the pack). Each run: a fresh user, a user token exchanged by the agent for a delegated token, an MCP
 * session whose {@code initialize} carries the user's task as {@code Bulwark-Intent}, then every recorded call in
 * order.
 */
final class SuiteReplay {
    static final String AGENT = "replay-agent";
    static final String PERMIT = """
            // The replay agent may call every tool; the flow pack beside this file decides what is refused.
            @id("replay-agent-may-call")
            permit (principal, action, resource);
            """;
    private static final int MAX_INTENT = 4096;
    /** Set (to anything) to print every refused benign call and every attacker-goal call let through, to stderr. */
    private static final boolean DETAIL = System.getenv("BULWARK_REPLAY_DETAIL") != null;

    private SuiteReplay() {}

    /**
     * @param every replay every {@code every}-th run of the file (1 = all), counting from the first: a deterministic
     *              subset
     */
    static SuiteTally replay(ReplayCorpus corpus, String suite, Path configFile, Path work, int every)
            throws Exception {
        BulwarkConfig userConfig = new ConfigLoader().load(configFile);
        if (userConfig.upstreams().size() != 1) {
            throw new IllegalArgumentException(configFile + ": name exactly one upstream (the suite's tools)");
        }
        UpstreamSettings declared = userConfig.upstreams().getFirst();
        Path policies = Files.createDirectories(work.resolve("policies"));
        try (InputStream pack = SuiteReplay.class.getResourceAsStream("/examples/flow.cedar")) {
            if (pack == null) {
                throw new IOException("the default flow pack examples/flow.cedar is missing from the classpath");
            }
            Files.copy(pack, policies.resolve("flow.cedar"));
        }
        Files.writeString(policies.resolve("replay-permit.cedar"), PERMIT);
        SuiteTally tally = new SuiteTally();
        try (ReplayUpstream upstream = ReplayUpstream.start(corpus.tools(suite))) {
            UpstreamSettings pointed = new UpstreamSettings(declared.name(), upstream.url().toString(), null, null,
                    declared.kinds(), declared.labels(), declared.timeout(), declared.pinning());
            BulwarkConfig config = userConfig.withDataDir(work.resolve("data").toString())
                    .withPolicies(new PolicySettings(policies.toString(), null, null))
                    .withDemo(new DemoSettings(false)).withUpstreams(List.of(pointed)).withPort(0);
            try (Gateway gateway = Gateway.start(config)) {
                AgentRegistration agent = gateway.identity().agents().register(AGENT, "bench@bulwark.local",
                        Set.of("assistant"), Map.of());
                String key = agent.apiKey().value();
                Set<String> reads = new java.util.HashSet<>();
                declared.kinds().forEach((tool, kind) -> {
                    if (kind.equals("read")) {
                        reads.add(tool);
                    }
                });
                corpus.runs(suite, run -> {
                    if ((run.line() - 1) % every == 0) {
                        replayRun(gateway, key, upstream, declared.name(), reads, run, tally);
                    }
                });
            }
        }
        return tally;
    }

    /**
     * @param reads tools the configuration declares {@code read}: a goal call of one of them (the attacker reading
     *              what it then sends) is not an effect; the goal's effect is in the write or egress call after it
     */
    private static void replayRun(Gateway gateway, String agentKey, ReplayUpstream upstream, String prefix,
                                  Set<String> reads, ReplayCorpus.Run run, SuiteTally tally) {
        String user = "replay-user-" + run.line();
        gateway.identity().users().register(user, Set.of("user"), Map.of());
        String token = delegatedToken(gateway, user, agentKey);
        boolean anyGoal = false;
        boolean goalsStopped = true;
        boolean anyDenied = false;
        boolean anyHeld = false;
        boolean cutOff = false;
        boolean goalAfterCutOffOnly = true;
        AttackDelivery delivery = new AttackDelivery(run);
        boolean goalOnlyBeforeDelivery = !run.injections().isEmpty();
        java.util.concurrent.atomic.AtomicReference<String> nextTurn = new java.util.concurrent.atomic.AtomicReference<>();
        try (McpSyncClient client = client(gateway, token, run.intent(), nextTurn)) {
            int index = 0;
            for (ReplayCorpus.Call call : run.calls()) {
                // the user's later messages said before this call go with it, as a user's client would send them
                StringBuilder said = new StringBuilder();
                for (ReplayCorpus.Turn turn : run.turns()) {
                    if (turn.beforeCall() == index) {
                        said.append(said.isEmpty() ? "" : "\n").append(turn.text());
                    }
                }
                nextTurn.set(said.isEmpty() ? null : said.toString());
                index++;
                upstream.expect(call);
                boolean reachedBefore = delivery.reached();
                SuiteTally.Outcome outcome;
                String message = "";
                try {
                    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(
                            prefix + "." + call.tool(), ReplayCorpus.JSON.convertValue(call.args(), Map.class)));
                    message = result.content().isEmpty() || !(result.content().getFirst()
                            instanceof McpSchema.TextContent t) ? "" : t.text();
                    outcome = classify(result, message);
                    if (outcome == SuiteTally.Outcome.ALLOWED) {
                        result.content().forEach(c -> delivery.given(c instanceof McpSchema.TextContent t
                                ? t.text() : ""));
                    }
                } catch (McpError e) {
                    outcome = SuiteTally.Outcome.ERROR;
                    message = String.valueOf(e.getMessage());
                }
                tally.calls++;
                tally.outcomes.merge(outcome, 1, Integer::sum);
                boolean refused = outcome == SuiteTally.Outcome.DENIED || outcome == SuiteTally.Outcome.HELD;
                anyDenied |= outcome == SuiteTally.Outcome.DENIED;
                anyHeld |= outcome == SuiteTally.Outcome.HELD;
                if (!run.benign() && !reads.contains(call.tool()) && GoalCalls.isAttackerCall(call.tool(), call.args(), run.goalCalls(),
                        run.userText())) {
                    anyGoal = true;
                    goalsStopped &= refused;
                    if (!refused) {
                        detail("ATTACK LET THROUGH", run, call, message);
                        tally.goalCallsAllowed.merge(call.tool() + " " + outcome, 1, Integer::sum);
                        goalAfterCutOffOnly &= cutOff;
                        goalOnlyBeforeDelivery &= !reachedBefore;
                    }
                }
                // from here on the recorded model saw content the gateway did not deliver
                cutOff |= outcome != SuiteTally.Outcome.ALLOWED;
                if (outcome == SuiteTally.Outcome.ERROR) {
                    tally.errors.merge(call.tool() + ": " + reason(message), 1, Integer::sum);
                }
                if (run.benign() && run.utility() && refused) {
                    detail("BENIGN " + outcome, run, call, message + flowFacts(gateway, message));
                }
                if (run.benign() && run.utility() && outcome == SuiteTally.Outcome.DENIED) {
                    tally.benignDenials.merge(call.tool() + ": " + reason(message), 1, Integer::sum);
                }
            }
        }
        tally.runs++;
        if (!run.benign() && run.security()) {
            tally.successfulAttacks++;
            if (anyGoal) {
                tally.attacksWithGoalCall++;
                tally.attacksStopped += goalsStopped ? 1 : 0;
                tally.attacksPassedOnlyAfterCutOff += !goalsStopped && goalAfterCutOffOnly ? 1 : 0;
                tally.attacksStoppedBeforeDelivery += !goalsStopped && goalOnlyBeforeDelivery ? 1 : 0;
            }
        }
        if (run.benign() && run.utility()) {
            tally.benignRuns++;
            tally.benignKept += anyDenied ? 0 : 1;
            tally.benignHeld += anyHeld ? 1 : 0;
        }
    }

    /** For a held call: where its arguments came from, as the approval request records it. */
    private static String flowFacts(Gateway gateway, String message) {
        java.util.regex.Matcher handle = java.util.regex.Pattern.compile("Handle approval:([A-Za-z0-9_-]+),").matcher(message);
        if (!DETAIL || !handle.find()) {
            return "";
        }
        return gateway.approvals().desk().find(handle.group(1)).map(r -> r.facts().get("flow")).map(f -> {
            StringBuilder out = new StringBuilder(" FLOW");
            ((Map<?, ?>) ((Map<?, ?>) f).get("args")).forEach((name, a) -> out.append(' ').append(name).append('=')
                    .append(((Map<?, ?>) a).get("sources")));
            return out.toString();
        }).orElse("");
    }

    private static void detail(String what, ReplayCorpus.Run run, ReplayCorpus.Call call, String message) {
        if (DETAIL) {
            String task = run.intent().length() > 100 ? run.intent().substring(0, 100) : run.intent();
            int flow = message.indexOf(" FLOW ");
            System.err.printf("%s line %d [%s] %s %s -> %s%s%n", what, run.line(), task.replace('\n', ' '),
                    call.tool(), call.args(), reason(message), flow < 0 ? "" : message.substring(flow));
        }
    }

    static SuiteTally.Outcome classify(McpSchema.CallToolResult result, String text) {
        if (!Boolean.TRUE.equals(result.isError())) {
            return SuiteTally.Outcome.ALLOWED;
        }
        if (text.startsWith("DENIED")) {
            return SuiteTally.Outcome.DENIED;
        }
        return text.startsWith("APPROVAL_REQUIRED") ? SuiteTally.Outcome.HELD : SuiteTally.Outcome.ERROR;
    }

    /** The policies named in a refusal, else its first words. */
    private static String reason(String message) {
        int at = message.indexOf("(policies: ");
        if (at >= 0) {
            return message.substring(at + 11, message.indexOf(')', at) < 0 ? message.length()
                    : message.indexOf(')', at));
        }
        at = message.indexOf("(policy ");
        if (at >= 0 && message.indexOf(')', at) > 0) {
            return message.substring(at + 1, message.indexOf(')', at));
        }
        return message.length() > 60 ? message.substring(0, 60) : message;
    }

    private static String delegatedToken(Gateway gateway, String user, String agentKey) {
        String userToken = gateway.identity().tokens()
                .issueUserToken(user, Duration.ofMinutes(10), Optional.of(AGENT)).value();
        TokenResponse response = gateway.identity().tokens().handle(TokenRequest.of(Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", userToken,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "client_id", AGENT, "client_secret", agentKey), Optional.empty()));
        if (!(response instanceof TokenResponse.Issued issued)) {
            throw new IllegalStateException("token exchange refused: " + response.toJson());
        }
        return issued.accessToken();
    }

    private static String rpcMethod(String body) {
        try {
            return body == null ? "" : ReplayCorpus.JSON.readTree(body).path("method").asText("");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /**
     * A client whose {@code initialize} carries {@code intent} and whose next {@code tools/call} carries
     * {@code nextTurn}'s text, when set (then cleared), as {@code Bulwark-Intent}.
     */
    private static McpSyncClient client(Gateway gateway, String token, String intent,
                                        java.util.concurrent.atomic.AtomicReference<String> nextTurn) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(gateway.localUrl())
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .httpRequestCustomizer((builder, method, uri, body, context) -> {
                    String rpc = rpcMethod(body);
                    String said = rpc.equals("initialize") ? intent
                            : rpc.equals("tools/call") ? nextTurn.getAndSet(null) : null;
                    if (said != null && !said.isBlank()) {
                        String text = said.length() > MAX_INTENT ? said.substring(0, MAX_INTENT) : said;
                        builder.header(IntentHeader.NAME,
                                URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
                    }
                })
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }
}
