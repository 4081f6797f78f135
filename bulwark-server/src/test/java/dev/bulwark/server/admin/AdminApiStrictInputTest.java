package dev.bulwark.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.server.gateway.AdminToken;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.gateway.TestGateways;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admin endpoint reads its input strictly: the cases are generated from the route table and the body records,
 * so a new endpoint or field is covered without editing this test. Each case must get 400 (or 415) naming the field.
 */
class AdminApiStrictInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    static Gateway gateway;
    static String admin;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(data);
        admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** One bad request: method, path, body, and what the error message must name. */
    record Case(String name, String method, String path, String contentType, String body, int status,
                List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badRequests() {
        List<Case> cases = new ArrayList<>();
        for (AdminRoutes.Route<?> route : new AdminRoutes(gateway, () -> { }).routes()) {
            String path = route.template().replace("{id}", "probe-id").replace("{tool}", "probe.tool");
            String label = route.method() + " " + route.template();
            cases.add(new Case(label + " unknown query parameter", route.method(), path + "?sneaky=1", null, null,
                    400, List.of("sneaky")));
            if (!route.method().equals("POST")) {
                continue;
            }
            cases.add(new Case(label + " unknown field", "POST", path, "application/json", "{\"sneaky\": 1}", 400,
                    List.of("unknown field", "sneaky")));
            cases.add(new Case(label + " array body", "POST", path, "application/json", "[]", 400,
                    List.of("JSON object")));
            cases.add(new Case(label + " trailing content", "POST", path, "application/json", "{} {}", 400,
                    List.of()));
            cases.add(new Case(label + " not JSON", "POST", path, "text/plain", "{}", 415,
                    List.of("application/json")));
            RecordComponent[] fields = route.bodyType().getRecordComponents();
            String duplicated = fields.length == 0 ? "sneaky" : fields[0].getName();
            cases.add(new Case(label + " duplicate " + duplicated, "POST", path, "application/json",
                    "{\"" + duplicated + "\": " + sample(fields.length == 0 ? String.class : fields[0].getGenericType())
                            + ", \"" + duplicated + "\": " + sample(fields.length == 0 ? String.class
                            : fields[0].getGenericType()) + "}", 400, List.of("duplicate", duplicated)));
            for (RecordComponent field : fields) {
                String f = field.getName();
                cases.add(new Case(label + " null " + f, "POST", path, "application/json", "{\"" + f + "\": null}",
                        400, List.of(f, "null")));
                for (Map.Entry<String, String> wrong : wrongValues(field.getGenericType()).entrySet()) {
                    cases.add(new Case(label + " " + f + " as " + wrong.getKey(), "POST", path, "application/json",
                            "{\"" + f + "\": " + wrong.getKey() + "}", 400, List.of(f, wrong.getValue())));
                }
            }
        }
        // The ingestion endpoint has its own reader (IngestJson); hold it to the same rules.
        String doc = "\"source_id\": \"d1\", \"media_type\": \"text/plain\", \"content\": \"x\", "
                + "\"acl\": {\"groups\": [\"g\"]}";
        cases.add(new Case("POST /documents unknown field", "POST", "/api/v1/documents", "application/json",
                "{" + doc + ", \"acl_typo\": {}}", 400, List.of("acl_typo")));
        cases.add(new Case("POST /documents duplicate", "POST", "/api/v1/documents", "application/json",
                "{" + doc + ", \"source_id\": \"d2\"}", 400, List.of("source_id")));
        cases.add(new Case("POST /documents title as number", "POST", "/api/v1/documents", "application/json",
                "{" + doc + ", \"title\": 5}", 400, List.of("title")));
        cases.add(new Case("POST /documents query parameter", "POST", "/api/v1/documents?x=1", "application/json",
                "{" + doc + "}", 400, List.of("x")));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesAndNamesTheProblem(Case c) throws Exception {
        HttpResponse<String> r = send(c.method(), c.path(), c.contentType(), c.body());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(c.status());
        JsonNode error = JSON.readTree(r.body());
        for (String mention : c.mentions()) {
            assertThat(error.path("message").asText()).as(r.body()).contains(mention);
        }
    }

    @Test
    void theReviewersExamplesAreRefused() throws Exception {
        HttpResponse<String> coerced = send("POST", "/api/v1/users/alice/token", "application/json",
                "{\"ttlSeconds\": \"600\"}");
        HttpResponse<String> misspelt = send("POST", "/api/v1/users/alice/token", "application/json",
                "{\"ttlSeconds\": 600, \"may_act\": \"support-bot\"}");

        assertThat(coerced.statusCode()).isEqualTo(400);
        assertThat(coerced.body()).contains("ttlSeconds").contains("an integer");
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(misspelt.body()).contains("may_act").contains("mayAct");
    }

    @Test
    void mayActIsHonouredNotDropped() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/users/alice/token", "application/json",
                "{\"ttlSeconds\": 600, \"mayAct\": \"support-bot\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        SignedJWT token = SignedJWT.parse(JSON.readTree(r.body()).get("token").asText());
        assertThat(token.getJWTClaimsSet().getJSONObjectClaim("may_act")).containsEntry("sub", "support-bot");
        assertThat(send("POST", "/api/v1/users/alice/token", "application/json", "{\"mayAct\": \"no-such-agent\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void validBodiesStillWork() throws Exception {
        assertThat(send("POST", "/api/v1/users", "application/json",
                "{\"id\": \"strict-user\", \"roles\": [\"r\"], \"attributes\": {\"k\": \"v\"}}").statusCode())
                .isEqualTo(201);
        assertThat(send("POST", "/api/v1/policies/reload", null, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/policies/reload", "application/json", "{}").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/audit?limit=3", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/audit?limit=3&limit=4", null, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/audit?limit=+3", null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void agentsAndUsersCannotShareAnIdAndTheConflictIsA409() throws Exception {
        // The demo registers the user alice and the agent support-bot.
        HttpResponse<String> agentAsUser = send("POST", "/api/v1/agents", "application/json",
                "{\"id\": \"alice\", \"owner\": \"mallory\"}");
        HttpResponse<String> userAsAgent = send("POST", "/api/v1/users", "application/json",
                "{\"id\": \"support-bot\"}");
        HttpResponse<String> agentTwice = send("POST", "/api/v1/agents", "application/json",
                "{\"id\": \"support-bot\", \"owner\": \"x\"}");

        assertThat(agentAsUser.statusCode()).isEqualTo(409);
        assertThat(agentAsUser.body()).contains("alice").contains("a user");
        assertThat(userAsAgent.statusCode()).isEqualTo(409);
        assertThat(userAsAgent.body()).contains("an agent");
        assertThat(agentTwice.statusCode()).isEqualTo(409);
        assertThat(gateway.identity().agents().find("alice")).isEmpty();
    }

    @Test
    void adminChangesNameThePrincipalsKindInTheAudit() throws Exception {
        send("POST", "/api/v1/agents", "application/json", "{\"id\": \"kind-bot\", \"owner\": \"o\"}");
        assertThat(gateway.auditLog().tail(1).getFirst().event().details()).containsEntry("target", "agent:kind-bot");
        send("POST", "/api/v1/users", "application/json", "{\"id\": \"kind-user\"}");
        assertThat(gateway.auditLog().tail(1).getFirst().event().details()).containsEntry("target", "user:kind-user");
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheFieldsEachEndpointAccepts() throws Exception {
        JsonNode paths;
        try (var in = AdminApiServlet.class.getResourceAsStream("/api/openapi.json")) {
            paths = JSON.readTree(in).get("paths");
        }
        for (AdminRoutes.Route<?> route : new AdminRoutes(gateway, () -> { }).routes()) {
            String path = route.template().replace("/api/v1", "").replaceAll("\\{[a-z]+}", "{}");
            JsonNode op = null;
            for (var it = paths.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().replaceAll("\\{[a-z]+}", "{}").equals(path)) {
                    op = e.getValue().get(route.method().toLowerCase());
                }
            }
            assertThat(op).as("OpenAPI describes " + route.method() + " " + path).isNotNull();
            List<String> documented = new ArrayList<>();
            JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
            schema.path("properties").fieldNames().forEachRemaining(documented::add);
            List<String> accepted = Stream.of(route.bodyType().getRecordComponents()).map(RecordComponent::getName)
                    .toList();
            assertThat(documented).as(route.method() + " " + path).containsExactlyInAnyOrderElementsOf(accepted);
            if (!accepted.isEmpty()) {
                assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
            }
        }
    }

    /** A valid JSON value for a field of this type. */
    private static String sample(Type type) {
        return switch (kind(type)) {
            case "string" -> "\"v\"";
            case "integer" -> "60";
            case "array" -> "[\"v\"]";
            default -> "{\"k\": \"v\"}";
        };
    }

    /** JSON values of the wrong type for a field, with the expected type the error must name. */
    private static Map<String, String> wrongValues(Type type) {
        return switch (kind(type)) {
            case "string" -> Map.of("5", "a string", "true", "a string", "[\"v\"]", "a string", "{}", "a string",
                    "5.5", "a string");
            case "integer" -> Map.of("\"600\"", "an integer", "600.5", "an integer", "true", "an integer",
                    "[600]", "an integer", "\"\"", "an integer");
            case "array" -> Map.of("\"v\"", "an array", "[5]", "a string", "{}", "an array", "[[\"v\"]]",
                    "a string", "[true]", "a string");
            default -> Map.of("\"v\"", "an object", "{\"k\": 5}", "a string", "[]", "an object",
                    "{\"k\": {}}", "a string", "{\"k\": true}", "a string");
        };
    }

    private static String kind(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return "string";
        }
        if (raw == Long.class || raw == Integer.class) {
            return "integer";
        }
        if (java.util.Collection.class.isAssignableFrom(raw)) {
            return "array";
        }
        return "object";
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + admin)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
