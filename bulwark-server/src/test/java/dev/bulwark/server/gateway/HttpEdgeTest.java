package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed requests at the HTTP edge: each gets the right answer and an audit record. */
class HttpEdgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
    @TempDir
    static Path data;
    static Gateway gateway;
    static HttpClient http = HttpClient.newHttpClient();
    static String token;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
        token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static HttpResponse<String> post(String path, String contentType, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static AuditRecord last() {
        return gateway.auditLog().tail(1).get(0);
    }

    @Test
    void missingTokenGets401PointingAtProtectedResourceMetadata() throws Exception {
        HttpResponse<String> r = post("/mcp", "application/json", null, INIT);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("resource_metadata=\"" + gateway.baseUrl() + "/.well-known/oauth-protected-resource/mcp\"");
        assertThat(last().event().reason()).isEqualTo("MISSING");
        assertThat(last().event().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void forgedAndUnsignedTokensGet401AndAreAudited() throws Exception {
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String unsigned = header + "." + parts[1] + ".";
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        for (String bad : new String[] {unsigned, tampered, "garbage", token + "x"}) {
            HttpResponse<String> r = post("/mcp", "application/json", "Bearer " + bad, INIT);
            assertThat(r.statusCode()).as(bad).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
            assertThat(last().event().action()).isEqualTo("mcp.authenticate");
            assertThat(last().toString()).doesNotContain(bad.length() > 20 ? bad.substring(0, 20) : "\u0000");
        }
    }

    @Test
    void revokedTokenIsRefusedOnTheNextCall() throws Exception {
        String fresh = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
        assertThat(post("/mcp", "application/json", "Bearer " + fresh, INIT).statusCode()).isEqualTo(200);
        String jti = JSON.readTree(Base64.getUrlDecoder().decode(fresh.split("\\.")[1])).get("jti").asText();
        gateway.identity().revocations().revoke(jti);
        HttpResponse<String> r = post("/mcp", "application/json", "Bearer " + fresh, INIT);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(last().event().reason()).isEqualTo("REVOKED");
    }

    @Test
    void suspendingAnAgentRefusesItsTokensOnTheNextCall() throws Exception {
        var reg = gateway.identity().agents().register("temp-bot", "t@example.com", java.util.Set.of("support"),
                java.util.Map.of());
        String t = TestGateways.token(gateway, "temp-bot", reg.apiKey().value());
        assertThat(post("/mcp", "application/json", "Bearer " + t, INIT).statusCode()).isEqualTo(200);
        gateway.identity().agents().suspend("temp-bot");
        assertThat(post("/mcp", "application/json", "Bearer " + t, INIT).statusCode()).isEqualTo(401);
        assertThat(last().event().reason()).isEqualTo("AGENT_SUSPENDED");
    }

    @Test
    void anotherAgentCannotUseOrListenOnASessionItDidNotOpen() throws Exception {
        HttpResponse<String> init = post("/mcp", "application/json", "Bearer " + token, INIT);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        var other = gateway.identity().agents().register("nosy-bot", "n@example.com", java.util.Set.of("support"),
                java.util.Map.of());
        String otherToken = TestGateways.token(gateway, "nosy-bot", other.apiKey().value());
        HttpRequest hijack = HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + otherToken).header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"))
                .build();
        assertThat(http.send(hijack, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(last().event().reason()).isEqualTo("SESSION_NOT_OWNED");
        assertThat(last().event().agentId()).isEqualTo("nosy-bot");
        HttpRequest listen = HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + otherToken)
                .header("Mcp-Session-Id", session).GET().build();
        assertThat(http.send(listen, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        HttpRequest own = HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}"))
                .build();
        assertThat(http.send(own, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void protocolErrorsFromTheSdkCarryNoStackTrace() throws Exception {
        HttpResponse<String> r = post("/mcp", "application/json", "Bearer " + token,
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("stackTrace").doesNotContain("className").doesNotContain(".java");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.at("/error/message").asText()).containsIgnoringCase("session");
    }

    @Test
    void malformedJsonIsAParseError() throws Exception {
        HttpResponse<String> r = post("/mcp", "application/json", "Bearer " + token, "{\"jsonrpc\":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(last().event().reason()).isEqualTo("PARSE_ERROR");
    }

    @Test
    void structurallyInvalidMessagesAreInvalidRequests() throws Exception {
        String[] bodies = {"[]", "[" + INIT + "]", "42", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":[1]}}"};
        for (String body : bodies) {
            HttpResponse<String> r = post("/mcp", "application/json", "Bearer " + token, body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/error/code").asInt()).as(body).isEqualTo(-32600);
            assertThat(last().event().reason()).isEqualTo("INVALID_REQUEST");
        }
    }

    /**
     * Red team: a request whose id is null passed the gate (null is allowed for responses) and reached the SDK, which
     * answered with its own Java class names and logged an error; the gate now refuses it like any malformed request.
     */
    @Test
    void aRequestWithANullIdIsAnInvalidRequestAnsweredByTheGate() throws Exception {
        for (String method : new String[] {"tools/call", "ping", "tools/list"}) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"" + method + "\",\"params\":{\"name\":"
                    + "\"crm.get_customer\",\"arguments\":{\"id\":1}}}";
            HttpResponse<String> r = post("/mcp", "application/json", "Bearer " + token, body);
            assertThat(r.statusCode()).as(method).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/error/code").asInt()).as(method).isEqualTo(-32600);
            assertThat(r.body()).as(method).contains("id must not be null").doesNotContain("McpSchema");
            assertThat(last().event().reason()).isEqualTo("INVALID_REQUEST");
        }
    }

    /**
     * Red team: what a caller sends that the gate refuses (a tool name, a method, a User-Agent, an Origin) went into
     * the audit record as sent, so a credential placed there was stored in the clear; the gate's records now pass the
     * same redactor as every other audit record.
     */
    @Test
    void secretsInRefusedRequestsAreRedactedInTheGatesAuditRecords() throws Exception {
        String secret = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
        post("/mcp", "application/json", "Bearer " + token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"" + secret + "\",\"arguments\":{}}}");
        assertThat(last().event().reason()).isEqualTo("UNKNOWN_TOOL");
        assertThat(last().event().details().toString()).doesNotContain(secret);
        post("/mcp", "application/json", "Bearer " + token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\""
                + secret + "\"}");
        assertThat(last().event().reason()).isEqualTo("METHOD_NOT_FOUND");
        assertThat(last().event().details().toString()).doesNotContain(secret);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json").header("User-Agent", "bot " + secret)
                .POST(HttpRequest.BodyPublishers.ofString(INIT)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(last().event().details().toString()).doesNotContain(secret).contains("bot ");
    }

    @Test
    void repeatedMemberNamesAndTrailingContentAreParseErrors() throws Exception {
        // A repeated name or method could be read one way here and another way by the next parser.
        String[] bodies = {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"name\":\"delete_all\",\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/call\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"arguments\":{\"to\":\"a@example.com\",\"to\":\"b@example.com\"}}}"};
        for (String body : bodies) {
            HttpResponse<String> r = post("/mcp", "application/json", "Bearer " + token, body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/error/code").asInt()).as(body).isEqualTo(-32700);
            assertThat(r.body()).as(body).contains("repeats a member name").doesNotContain("delete_all");
            assertThat(last().event().reason()).isEqualTo("DUPLICATE_MEMBER");
        }
        HttpResponse<String> trailing = post("/mcp", "application/json", "Bearer " + token,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(last().event().reason()).isEqualTo("PARSE_ERROR");
    }

    @Test
    void unknownMethodIsMethodNotFound() throws Exception {
        HttpResponse<String> r = post("/mcp", "application/json", "Bearer " + token,
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"sampling/steal\"}");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(body.get("id").asInt()).isEqualTo(9);
        assertThat(last().event().reason()).isEqualTo("METHOD_NOT_FOUND");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> r = post("/mcp", "text/plain", "Bearer " + token, INIT);
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(last().event().reason()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "a".repeat(gateway.config().server().maxRequestBytes()) + "\"}}";
        // With "Expect: 100-continue" the client sends the body only if the gateway asks for it; the gateway refuses
        // by the declared length and closes, so the answer never races a client still writing the body.
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/mcp")).expectContinue(true)
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(huge)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Connection")).hasValue("close");
        assertThat(last().event().reason()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void foreignBrowserOriginIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(INIT)).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(last().event().reason()).isEqualTo("ORIGIN_NOT_ALLOWED");
    }

    @Test
    void tokenEndpointIssuesWithBasicAuthAndRefusesWrongKeys() throws Exception {
        String key = gateway.demoCredentials().supportBotKey();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("support-bot:" + key).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = post("/oauth/token", "application/x-www-form-urlencoded", basic,
                "grant_type=client_credentials&resource=" + java.net.URLEncoder.encode(gateway.mcpUrl(), StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("token_type").asText()).isEqualToIgnoringCase("bearer");
        assertThat(JSON.readTree(ok.body()).get("expires_in").asInt()).isEqualTo(900);
        String wrong = "Basic " + Base64.getEncoder().encodeToString("support-bot:bwk_wrong".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> bad = post("/oauth/token", "application/x-www-form-urlencoded", wrong,
                "grant_type=client_credentials");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("invalid_client");
        assertThat(last().event().action()).isEqualTo("token.issue");
        assertThat(last().event().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(last().toString()).doesNotContain("bwk_wrong");
    }

    @Test
    void discoveryDocumentsDescribeTheTokenEndpoint() throws Exception {
        JsonNode prm = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/.well-known/oauth-protected-resource/mcp")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(prm.get("resource").asText()).isEqualTo(gateway.mcpUrl());
        JsonNode as = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(as.get("issuer").asText()).isEqualTo(gateway.baseUrl());
        assertThat(as.get("token_endpoint").asText()).isEqualTo(gateway.baseUrl() + "/oauth/token");
        JsonNode jwks = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(jwks.get("keys").get(0).get("crv").asText()).isEqualTo("Ed25519");
        assertThat(jwks.get("keys").get(0).has("d")).isFalse();
    }

    @Test
    void openApiDocumentDescribesEveryAdminRoute() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/api/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        java.util.List<String> paths = new java.util.ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/agents", "/agents/{id}/suspend", "/tokens/revoke", "/policies/reload",
                "/audit/verify", "/upstreams/{name}/pins/{tool}/approve");
    }

    @Test
    void adminApiNeedsTheAdminToken() throws Exception {
        HttpRequest noAuth = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/agents")).build();
        assertThat(http.send(noAuth, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(last().event().reason()).isEqualTo("BAD_ADMIN_TOKEN");
        String admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
        HttpRequest list = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/agents"))
                .header("Authorization", "Bearer " + admin).build();
        HttpResponse<String> r = http.send(list, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("support-bot").doesNotContain("bwk_");
        HttpResponse<String> created = post("/api/v1/agents", "application/json", "Bearer " + admin,
                "{\"id\":\"api-bot\",\"owner\":\"ops@example.com\",\"roles\":[\"support\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("apiKey").asText()).startsWith("bwk_");
        assertThat(last().event().action()).isEqualTo("agent.create");
        assertThat(post("/api/v1/agents", "application/json", "Bearer " + admin, "{\"id\":\"\"}").statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/agents", "application/json", "Bearer " + admin, "not json").statusCode())
                .isEqualTo(400);
    }

    /**
     * Red team: a client that swaps client_id and client_secret sends its API key as the id; the refusal recorded the
     * claimed id as the agent, so the key was stored in the clear. Bulwark's own key shapes (agent API keys, approver
     * keys, the admin token) are now credentials to the audit redactor like any other.
     */
    @Test
    void anApiKeySentAsTheClientIdIsNotRecordedInTheClear() throws Exception {
        String apiKey = gateway.demoCredentials().supportBotKey();
        HttpResponse<String> r = post("/oauth/token", "application/x-www-form-urlencoded", null,
                "grant_type=client_credentials&client_id=" + apiKey + "&client_secret=support-bot");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(gateway.auditLog().tail(5)).allSatisfy(record -> assertThat(record.event().toString())
                .doesNotContain(apiKey.substring(apiKey.length() - 43)));
        assertThat(last().event().action()).isEqualTo("token.issue");
    }

    static HttpResponse<String> get(String path, String credential) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + credential).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Red team, regression: each kind of credential (agent access token, user token, delegated token, approver key,
     * admin token) presented on a surface meant for another kind is refused.
     */
    @Test
    void everyCredentialIsRefusedOnTheSurfacesItIsNotFor() throws Exception {
        String admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
        gateway.identity().users().register("erin", java.util.Set.of("approver"), java.util.Map.of());
        String approver = JSON.readTree(post("/api/v1/approvals/approver-keys/erin", null, "Bearer " + admin, "")
                .body()).path("approverKey").asText();
        String user = JSON.readTree(post("/api/v1/users/erin/token", "application/json", "Bearer " + admin, "{}")
                .body()).path("token").asText();
        String delegated = JSON.readTree(post("/oauth/token", "application/x-www-form-urlencoded", null,
                "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + user
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token&actor_token=" + token
                        + "&actor_token_type=urn:ietf:params:oauth:token-type:access_token").body())
                .path("access_token").asText();
        assertThat(approver).startsWith("bwa_erin_");
        assertThat(user).isNotBlank();
        assertThat(delegated).isNotBlank();

        for (String notAnAccessToken : new String[] {user, approver, admin}) {
            assertThat(post("/mcp", "application/json", "Bearer " + notAnAccessToken, INIT).statusCode()).isEqualTo(401);
        }
        assertThat(last().event().outcome()).isEqualTo(Outcome.DENIED);
        for (String notAdmin : new String[] {token, user, delegated, approver}) {
            assertThat(get("/api/v1/agents", notAdmin).statusCode()).isEqualTo(401);
            assertThat(get("/metrics", notAdmin).statusCode()).isEqualTo(401);
        }
        for (String notApprover : new String[] {token, user, delegated}) {
            assertThat(get("/api/v1/approvals", notApprover).statusCode()).isEqualTo(401);
        }
        assertThat(post("/api/v1/approvals/approver-keys/erin", null, "Bearer " + approver, "").statusCode())
                .as("an approver issues no keys").isEqualTo(403);
        for (String notAUserToken : new String[] {token, delegated, approver, admin}) {
            String answer = post("/oauth/token", "application/x-www-form-urlencoded", null,
                    "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + notAUserToken
                            + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token&actor_token=" + token
                            + "&actor_token_type=urn:ietf:params:oauth:token-type:access_token").body();
            assertThat(JSON.readTree(answer).path("error").asText()).as(answer).isEqualTo("invalid_request");
        }
    }

    /** The token with the case of every letter in its signature flipped: the same letters, not the same token. */
    private static String caseFlipped(String jwt) {
        int signature = jwt.lastIndexOf('.') + 1;
        StringBuilder flipped = new StringBuilder(jwt.substring(0, signature));
        for (char c : jwt.substring(signature).toCharArray()) {
            flipped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return flipped.toString();
    }

    private static int initialize(HttpClient client, String bearer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(INIT)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Jetty's header cache compared values ignoring case by default (HttpListeners.exact). */
    @Test
    void aTokenDifferingOnlyInLetterCaseIsRefusedOnTheSameConnection() throws Exception {
        String flipped = caseFlipped(token);
        assertThat(flipped).isNotEqualTo(token).isEqualToIgnoringCase(token);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int round = 0; round < 5; round++) {
                assertThat(initialize(client, token)).as("round %d, the real token", round).isEqualTo(200);
                assertThat(initialize(client, flipped)).as("round %d, case flipped", round).isEqualTo(401);
            }
        }
    }

    @Test
    void namesNoServerVersion() throws Exception {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + "/.well-known/oauth-protected-resource")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(answer.headers().firstValue("Server").orElse("")).doesNotContainIgnoringCase("jetty");
    }
}
