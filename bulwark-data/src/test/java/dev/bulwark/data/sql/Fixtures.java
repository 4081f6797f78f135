package dev.bulwark.data.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The data policy and principals shared by the rewrite, attack and connector tests. */
final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The hash-mask key of every test (a deployment's comes from its keys directory). */
    static final javax.crypto.SecretKey HASH_KEY = new javax.crypto.spec.SecretKeySpec(
            "bulwark-test-hash-mask-key-32-by".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "HmacSHA256");

    private Fixtures() {}

    /** The policy's rewriter with the test key and the dialect's default functions. */
    static RowSecurity rowSecurity(SqlDataPolicy policy, SqlDialect dialect, SqlLimits limits) {
        return new RowSecurity(policy, dialect, limits, SqlFunctions.defaults(dialect), HASH_KEY);
    }

    /** What a hash mask shows for {@code text} under the test key. */
    static String hashMask(String text) {
        return new KeyedHash(HASH_KEY).hex(text);
    }

    /**
     * customers: admins see everything; support sees its regions with email hashed, ssn last4, notes redacted;
     * sales (delegated) sees the user's own customers with ssn nulled. orders: everyone sees their regions.
     * payroll: hr only. products: everyone.
     */
    static SqlDataPolicy policy() {
        TablePolicy customers = TablePolicy.of("customers", List.of(
                        ColumnSpec.of("id").asFilterable(), ColumnSpec.of("name", "pii"),
                        ColumnSpec.of("email", "pii"), ColumnSpec.of("region").asFilterable(),
                        ColumnSpec.of("ssn", "pii", "confidential"), ColumnSpec.of("owner_id"),
                        ColumnSpec.of("notes", "confidential")),
                AccessRule.of("admin", RuleCondition.agentRole("admin"), "TRUE", Map.of()),
                AccessRule.of("support", RuleCondition.agentRole("support"), "region IN (:principal.regions)",
                        Map.of("email", "hash", "ssn", "last4", "notes", "redact")),
                AccessRule.of("sales", new RuleCondition(Set.of("sales"), Set.of("seller"), Map.of()),
                        "owner_id = :user.id", Map.of("ssn", "null", "notes",
                                "CASE WHEN region = :principal.home THEN notes ELSE 'n/a' END")));
        TablePolicy orders = TablePolicy.of("orders", List.of(
                        ColumnSpec.of("id"), ColumnSpec.of("customer_id"), ColumnSpec.of("amount", "confidential"),
                        ColumnSpec.of("region"), ColumnSpec.of("status")),
                AccessRule.of("regional", RuleCondition.ALWAYS, "region IN (:principal.regions)", Map.of()));
        TablePolicy payroll = TablePolicy.of("payroll", List.of(
                        ColumnSpec.of("id"), ColumnSpec.of("employee", "pii"), ColumnSpec.of("salary", "confidential")),
                AccessRule.of("hr", RuleCondition.agentRole("hr"), "TRUE", Map.of()));
        TablePolicy products = TablePolicy.of("products", List.of(
                        ColumnSpec.of("id"), ColumnSpec.of("name"), ColumnSpec.of("price")),
                AccessRule.of("public", RuleCondition.ALWAYS, "TRUE", Map.of()));
        return new SqlDataPolicy(List.of(customers, orders, payroll, products));
    }

    static Principal agent(String id, Set<String> roles, Map<String, String> attributes) {
        return new Principal(new Agent(id, "owner@example.com", roles, attributes, AgentStatus.ACTIVE,
                Instant.parse("2026-01-01T00:00:00Z")), Optional.empty(), "token-1", Set.of(),
                Instant.parse("2030-01-01T00:00:00Z"));
    }

    /** The principal every attack runs as: support, regions EU and NA. */
    static Principal support() {
        return agent("support-bot", Set.of("support"), Map.of("regions", "EU,NA"));
    }

    /** {@code {"agent": {"id", "roles", "attributes"}, "user": {"id", "roles", "attributes"}}}; user optional. */
    static Principal principal(Path json) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(json));
        JsonNode agent = root.required("agent");
        Agent a = new Agent(agent.required("id").asText(), "owner@example.com", strings(agent.path("roles")),
                attributes(agent.path("attributes")), AgentStatus.ACTIVE, Instant.parse("2026-01-01T00:00:00Z"));
        Optional<User> user = Optional.empty();
        if (root.has("user")) {
            JsonNode u = root.get("user");
            user = Optional.of(new User(u.required("id").asText(), strings(u.path("roles")),
                    attributes(u.path("attributes"))));
        }
        return new Principal(a, user, "token-1", Set.of(), Instant.parse("2030-01-01T00:00:00Z"));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> attributes(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
