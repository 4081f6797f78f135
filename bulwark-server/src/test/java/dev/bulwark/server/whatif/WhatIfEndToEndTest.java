package dev.bulwark.server.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.audit.AuditQuery;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.engine.pipeline.DecisionInputs;
import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.server.cli.CliRun;
import dev.bulwark.server.gateway.AdminToken;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.gateway.TestGateways;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What-if and learn on a real gateway's audit log: calls made through MCP, a policy changed in a draft directory, and
 * exactly the calls whose decision changes are reported, by the CLI and the admin API.
 */
class WhatIfEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Gateway gateway;
    static String admin;
    static Path data;
    static Path draft;
    /** Sequences of the tool-call records, by what each call was. */
    static long findEmea;
    static long findNa;
    static long get1;
    static long get2;
    static long delete3;
    static long internFind;

    @BeforeAll
    static void makeCalls() throws Exception {
        data = dir.resolve("data");
        gateway = TestGateways.start(data);
        admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
        var agents = gateway.identity().agents();
        String support = TestGateways.token(gateway, "support-2", agents.register("support-2", "ops@example.com",
                Set.of("support"), Map.of("regions", "EMEA,NA")).apiKey().value());
        String intern = TestGateways.token(gateway, "intern-2", agents.register("intern-2", "ops@example.com",
                Set.of(), Map.of()).apiKey().value());
        McpSyncClient s = TestGateways.client(gateway, support, null);
        findEmea = call(s, "crm.find_customers", Map.of("region", "EMEA", "limit", 2));
        findNa = call(s, "crm.find_customers", Map.of("region", "NA", "limit", 5));
        get1 = call(s, "crm.get_customer", Map.of("id", 1));
        get2 = call(s, "crm.get_customer", Map.of("id", 2));
        delete3 = call(s, "crm.delete_customer", Map.of("id", 3));
        s.closeGracefully();
        McpSyncClient i = TestGateways.client(gateway, intern, null);
        internFind = call(i, "crm.find_customers", Map.of("region", "EMEA"));
        i.closeGracefully();

        // The draft: get_customer forbidden, and deleting asks a manager instead of being forbidden.
        draft = dir.resolve("draft");
        Files.createDirectories(draft);
        try (Stream<Path> files = Files.list(data.resolve("policies"))) {
            for (Path f : files.toList()) {
                Files.copy(f, draft.resolve(f.getFileName()));
            }
        }
        Files.writeString(draft.resolve("guardrails.cedar"), Files.readString(draft.resolve("guardrails.cedar"))
                .replace("@id(\"crm-no-delete\")\nforbid", "@id(\"crm-no-delete\")\nforbid").replaceAll(
                        "(?s)@id\\(\"crm-no-delete\"\\)\\s*forbid \\([^;]*;", ""));
        Files.writeString(draft.resolve("draft.cedar"), """
                @id("no-get-customer")
                forbid (principal, action, resource == Bulwark::Tool::"crm.get_customer");

                @id("crm-delete-with-approval")
                @approval("a manager checks every deletion")
                permit (principal in Bulwark::Role::"support", action, resource == Bulwark::Tool::"crm.delete_customer");
                """);
    }

    /** Calls a tool and returns the sequence of the tool-call record it produced. */
    private static long call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        return gateway.auditLog().tail(20).reversed().stream()
                .filter(r -> r.event().type() == dev.bulwark.spi.audit.AuditEventType.TOOL_CALL)
                .findFirst().orElseThrow().sequence();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String[] cli(String... args) {
        String[] out = new String[args.length + 2];
        System.arraycopy(args, 0, out, 0, args.length);
        out[args.length] = "--data";
        out[args.length + 1] = data.toString();
        return out;
    }

    @Test
    void theCallsAreRecordedWithTheirDecisionInput() {
        AuditRecord find = gateway.auditLog().read(findEmea, 1).getFirst();
        DecisionRequest asked = DecisionInputs.read(find.event().details()).orElseThrow();
        assertThat(asked.principal().agent().roles()).containsExactly("support");
        assertThat(asked.arguments()).containsEntry("region", "EMEA");
        assertThat(asked.tool().kind().label()).isEqualTo("read");
        assertThat(asked.session().id()).as("the task the session store keys").isEqualTo("agent:support-2");
        assertThat(gateway.auditLog().read(delete3, 1).getFirst().event().details()).containsEntry("decision", "deny");
    }

    @Test
    void whatIfPrintsExactlyTheCallsWhoseDecisionChanges() throws Exception {
        CliRun run = CliRun.of(cli("policy", "what-if", "--policies", draft.toString(), "--json"));

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("changesTotal").asLong()).isEqualTo(3);
        assertThat(report.path("replayed").asLong()).isEqualTo(6);
        Map<Long, JsonNode> changes = new HashMap<>();
        report.path("changes").forEach(c -> changes.put(c.path("sequence").asLong(), c));
        assertThat(changes.keySet()).containsExactlyInAnyOrder(get1, get2, delete3);
        assertThat(changes.get(get1).path("change").asText()).isEqualTo("allow→deny");
        assertThat(changes.get(get1).path("before").path("policies").toString()).contains("crm-support-read");
        assertThat(changes.get(get1).path("after").path("policies").toString()).contains("no-get-customer");
        assertThat(changes.get(delete3).path("change").asText()).isEqualTo("deny→approval");
        assertThat(changes.get(delete3).path("before").path("policies").toString()).contains("crm-no-delete");
        assertThat(changes.get(delete3).path("after").path("policies").toString())
                .contains("crm-delete-with-approval");

        CliRun text = CliRun.of(cli("policy", "what-if", "--policies", draft.toString(), "--agent", "support-2",
                "--fail-on-change"));
        assertThat(text.exit()).isEqualTo(3);
        assertThat(text.out()).contains("record " + get1 + " ").contains("allow→deny")
                .contains("draft: deny by no-get-customer").contains("3 of 5 replayed calls would change");
    }

    @Test
    void theUnchangedPolicySetChangesNothing() {
        CliRun run = CliRun.of(cli("policy", "what-if", "--policies", data.resolve("policies").toString(),
                "--fail-on-change"));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("0 of 6 replayed calls would change");
    }

    @Test
    void theAdminApiReplaysAnInlineDraft() throws Exception {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> list = Files.list(draft)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        HttpResponse<String> r = post("/api/v1/policies/what-if", Map.of("files", files, "agent", "support-2"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.path("changesTotal").asLong()).isEqualTo(3);
        List<Long> sequences = report.path("changes").findValues("sequence").stream().map(JsonNode::asLong).toList();
        assertThat(sequences).containsExactly(get1, get2, delete3);
    }

    @Test
    void aDeeplyNestedDraftSentToTheApiIsRefusedAndTheGatewayKeepsServing() throws Exception {
        // Before the nesting bound, this 240-byte draft ended the gateway's JVM inside Cedar's native parser.
        String deep = "permit (principal, action, resource) when { " + "(".repeat(100) + "true" + ")".repeat(100)
                + " };";
        HttpResponse<String> api = post("/api/v1/policies/what-if", Map.of("files", Map.of("deep.cedar", deep)));

        assertThat(api.statusCode()).as(api.body()).isEqualTo(422);
        assertThat(api.body()).contains("deep.cedar").contains("levels deep");
        assertThat(post("/api/v1/policies/learn", Map.of("agent", "support-2")).statusCode()).isEqualTo(200);
    }

    @Test
    void anInvalidDraftIsRefusedWithItsProblemsAndNothingReplayed() throws Exception {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("typo.cedar"), "permit (principal in Bulwark::Rol::\"support\", action,"
                + " resource);\n");

        CliRun run = CliRun.of(cli("policy", "what-if", "--policies", bad.toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("are invalid; nothing replayed").contains("typo.cedar:1:")
                .contains("Bulwark::Rol");
        assertThat(run.out()).isEmpty();

        HttpResponse<String> api = post("/api/v1/policies/what-if", Map.of("files", Map.of("typo.cedar",
                "permit (principal in Bulwark::Rol::\"support\", action, resource);")));
        assertThat(api.statusCode()).isEqualTo(422);
        assertThat(api.body()).contains("invalid_policies").contains("typo.cedar").contains("Bulwark::Rol");

        assertThat(post("/api/v1/policies/what-if", Map.of("files", Map.of("../escape.cedar", "x"))).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/policies/what-if", Map.of("files", Map.of(), "dir", "/tmp")).statusCode())
                .isEqualTo(400);
        assertThat(CliRun.of(cli("policy", "what-if", "--policies", dir.resolve("missing").toString())).exit())
                .isEqualTo(1);
    }

    @Test
    void aRunStopsAtItsRecordLimitAndSaysWhereToContinue() throws Exception {
        CliRun run = CliRun.of(cli("policy", "what-if", "--policies", draft.toString(), "--max-records", "2",
                "--json"));
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("scanned").asLong()).isEqualTo(2);
        assertThat(report.path("next").asLong()).isEqualTo(findNa);

        CliRun rest = CliRun.of(cli("policy", "what-if", "--policies", draft.toString(), "--after",
                Long.toString(findNa), "--json"));
        assertThat(JSON.readTree(rest.out()).path("changesTotal").asLong()).isEqualTo(3);
        assertThat(JSON.readTree(rest.out()).path("scanned").asLong()).isEqualTo(4);
    }

    @Test
    void learnedPoliciesValidateAndPermitExactlyTheObservedCalls() throws Exception {
        Path learned = dir.resolve("learned");
        CliRun run = CliRun.of(cli("policy", "learn", "--agent", "support-2", "--out", learned.toString()));
        assertThat(run.exit()).as(run.err()).isZero();
        String cedar = Files.readString(learned.resolve("learned.cedar"));
        assertThat(cedar).contains("principal == Bulwark::Agent::\"support-2\"")
                .contains("resource == Bulwark::Tool::\"crm.find_customers\"")
                .contains("[\"EMEA\", \"NA\"].contains(context.arguments.region)")
                .contains("context.arguments.limit >= 2 && context.arguments.limit <= 5")
                .contains("context.arguments.id >= 1 && context.arguments.id <= 2")
                .doesNotContain("crm.delete_customer\")\n)");
        // what-if of the learned policies alone, same window: no allowed call changes
        assertThat(run.out()).contains("0 of 5 replayed calls would change");

        CedarPolicyEngine engine = CedarPolicyEngine.load(learned); // the real schema, strict, plus learned.cedarschema
        AuditRecords records = gateway.auditLog().records();
        DecisionRequest observed = DecisionInputs.read(records.read(findEmea, 1).getFirst().event().details())
                .orElseThrow();
        assertThat(engine.decide(observed)).isInstanceOf(Decision.Allow.class);
        assertThat(engine.decide(withArgument(observed, "region", "APAC"))).isInstanceOf(Decision.Deny.class);
        assertThat(engine.decide(withArgument(observed, "limit", 50L))).isInstanceOf(Decision.Deny.class);
        DecisionRequest get = DecisionInputs.read(records.read(get1, 1).getFirst().event().details()).orElseThrow();
        assertThat(engine.decide(get)).isInstanceOf(Decision.Allow.class);
        assertThat(engine.decide(withArgument(get, "id", 3L))).isInstanceOf(Decision.Deny.class);
        DecisionRequest delete = DecisionInputs.read(records.read(delete3, 1).getFirst().event().details())
                .orElseThrow();
        assertThat(engine.decide(delete)).as("a tool never allowed is not learned").isInstanceOf(Decision.Deny.class);
        DecisionRequest intern = DecisionInputs.read(records.read(internFind, 1).getFirst().event().details())
                .orElseThrow();
        assertThat(engine.decide(intern)).as("another agent").isInstanceOf(Decision.Deny.class);
    }

    @Test
    void theAdminApiLearnsAndShowsTheEffect() throws Exception {
        HttpResponse<String> r = post("/api/v1/policies/learn", Map.of("agent", "support-2"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = JSON.readTree(r.body());
        assertThat(out.path("tools").asInt()).isEqualTo(2);
        assertThat(out.path("calls").asLong()).isEqualTo(4);
        assertThat(out.path("policies").asText()).contains("learned-support-2-crm.get_customer");
        assertThat(out.path("schema").asText()).contains("region?: String").contains("limit?: Long");
        assertThat(out.path("whatIf").path("changesTotal").asLong()).isZero();
        assertThat(post("/api/v1/policies/learn", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void theAuditQueryApiFiltersAndPages() throws Exception {
        HttpResponse<String> first = get("/api/v1/audit/query?agent=support-2&type=tool_call&limit=2");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(first.body());
        assertThat(page.path("records").findValues("sequence").stream().map(JsonNode::asLong))
                .containsExactly(findEmea, findNa);
        long next = page.path("next").asLong();
        JsonNode second = JSON.readTree(get("/api/v1/audit/query?agent=support-2&type=tool_call&limit=10&after="
                + next).body());
        assertThat(second.path("records").findValues("sequence").stream().map(JsonNode::asLong))
                .containsExactly(get1, get2, delete3);
        assertThat(second.path("next").isNull()).isTrue();
        JsonNode denied = JSON.readTree(get("/api/v1/audit/query?decision=deny&policy=crm-no-delete").body());
        assertThat(denied.path("records").findValues("sequence").stream().map(JsonNode::asLong))
                .containsExactly(delete3);
        assertThat(get("/api/v1/audit/query?agnet=x").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit/query?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit/query?limit=100000").statusCode()).isEqualTo(400);
    }

    @Test
    void theCliQueriesAndExportsWithTheSameFilters() throws Exception {
        CliRun query = CliRun.of(cli("audit", "query", "--tool", "crm.get_customer", "--decision", "allow"));
        assertThat(query.exit()).as(query.err()).isZero();
        assertThat(query.out().lines().map(l -> l.replaceAll(".*\"sequence\":(\\d+).*", "$1")).map(Long::parseLong))
                .containsExactly(get1, get2);
        Path export = dir.resolve("export.jsonl");
        CliRun run = CliRun.of(cli("audit", "export", "--out", export.toString()));
        assertThat(run.exit()).as(run.err()).isZero();
        List<AuditRecord> read = dev.bulwark.audit.AuditExport.read(Files.newBufferedReader(export), true);
        assertThat(read.getFirst().sequence()).isEqualTo(1);
        assertThat(read).extracting(AuditRecord::sequence).contains(findEmea, delete3);
    }

    private static DecisionRequest withArgument(DecisionRequest r, String name, Object value) {
        Map<String, Object> arguments = new HashMap<>(r.arguments());
        arguments.put(name, value);
        return new DecisionRequest(r.principal(), r.tool(), arguments, r.session(), r.time(), r.flow());
    }

    private static HttpResponse<String> post(String path, Object body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
