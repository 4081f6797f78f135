package dev.bulwark.bench;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A seeded, realistic policy set of any size over a fleet of 40 connectors with 8 tools each, and one request that
 * it allows. The mix, per policy: 60 % role-scoped permits (on a tool, a connector or a kind), 30 % forbids with
 * {@code when} conditions on {@code context.arguments} and {@code context.session.labels}, 5 % role-scoped forbids
 * and 5 % unscoped forbids (they concern every tool, so they land in every slice). The same seed and size always
 * write the same files.
 */
final class PolicyCorpus {
    static final int CONNECTORS = 40;
    static final int TOOLS_PER_CONNECTOR = 8;
    static final int ROLES = 30;
    static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
    private static final String[] KINDS = {"read", "write", "egress", "execute"};
    private static final String[] LABELS = {"untrusted", "pii", "secret", "confidential", "external"};

    private PolicyCorpus() {}

    /** Writes {@code count} policies into {@code dir}, 50 to a file, always including the one the request needs. */
    static void write(Path dir, int count, long seed) throws IOException {
        write(dir, count, seed, PolicyCorpus::policy);
    }

    /** The same layout for any mix: the request's permit first, then {@code count - 1} generated policies. */
    static void write(Path dir, int count, long seed, java.util.function.BiFunction<Random, Integer, String> generator)
            throws IOException {
        Random random = new Random(seed);
        List<String> policies = new ArrayList<>(count);
        policies.add("""
                @id("bench-allow")
                permit (principal in Bulwark::Role::"support", action == Bulwark::Action::"write",
                        resource in Bulwark::Connector::"c7");
                """);
        for (int i = 1; i < count; i++) {
            policies.add(generator.apply(random, i));
        }
        Files.createDirectories(dir);
        // The arguments the generated conditions read, declared so the corpus validates against Bulwark's schema.
        Files.writeString(dir.resolve("arguments.cedarschema"),
                "namespace Bulwark { type Arguments = { amount?: Long, region?: String, target?: String }; }\n");
        for (int file = 0; file * 50 < policies.size(); file++) {
            List<String> chunk = policies.subList(file * 50, Math.min(policies.size(), (file + 1) * 50));
            Files.writeString(dir.resolve("p" + file + ".cedar"), String.join("\n", chunk));
        }
    }

    private static String policy(Random random, int i) {
        int roll = random.nextInt(100);
        String id = "@id(\"p" + i + "\")\n";
        if (roll < 60) {
            String annotation = random.nextInt(10) == 0 ? "@approval(\"manager\")\n" : "";
            return id + annotation + "permit (principal in Bulwark::Role::\"" + role(random) + "\", "
                    + action(random) + ", " + resource(random) + ");\n";
        }
        if (roll < 90) {
            return id + "forbid (principal, " + action(random) + ", " + resource(random) + ")\nwhen { "
                    + condition(random) + " };\n";
        }
        if (roll < 95) {
            return id + "forbid (principal in Bulwark::Role::\"" + role(random) + "\", " + action(random) + ", "
                    + resource(random) + ");\n";
        }
        return id + "forbid (principal, action, resource)\nwhen { " + condition(random) + " };\n";
    }

    private static String condition(Random random) {
        String label = LABELS[random.nextInt(LABELS.length)];
        return switch (random.nextInt(4)) {
            case 0 -> "context.session.labels.contains(\"" + label + "\")";
            case 1 -> "context.arguments has amount && context.arguments.amount > " + (1000 + random.nextInt(99_000));
            case 2 -> "context.arguments has region && context.arguments.region == \"r" + random.nextInt(20) + "\"";
            default -> "context.session.labels.contains(\"" + label + "\") && context.arguments has target"
                    + " && context.arguments.target like \"*.example-" + random.nextInt(50) + ".com\"";
        };
    }

    private static String role(Random random) {
        return "role" + random.nextInt(ROLES);
    }

    /** An action scope over the four tool kinds (or any action); shared by both generated mixes. */
    static String action(Random random) {
        int roll = random.nextInt(10);
        return roll < 2 ? "action" : "action == Bulwark::Action::\"" + KINDS[roll % KINDS.length] + "\"";
    }

    /** A resource scope: one tool, one connector's tools or one kind (40 connectors of 8 tools). */
    static String resource(Random random) {
        int connector = random.nextInt(CONNECTORS);
        return switch (random.nextInt(3)) {
            case 0 -> "resource == Bulwark::Tool::\"c" + connector + ".t" + random.nextInt(TOOLS_PER_CONNECTOR) + "\"";
            case 1 -> "resource in Bulwark::Connector::\"c" + connector + "\"";
            default -> "resource in Bulwark::Kind::\"" + KINDS[random.nextInt(KINDS.length)] + "\"";
        };
    }

    /** A write call by a support agent with a realistic argument object and session; {@code bench-allow} allows it. */
    static DecisionRequest allowedRequest() {
        Agent agent = new Agent("support-bot", "owner@example.com", Set.of("support"),
                Map.of("department", "customer-care"), AgentStatus.ACTIVE, NOW);
        Principal principal = new Principal(agent, Optional.empty(), "tok-1", Set.of("mcp"), NOW.plusSeconds(600));
        Tool tool = new Tool("c7.t3", "bench tool", "{\"type\":\"object\"}", ToolKind.WRITE, "c7", Set.of("pii"));
        Map<String, Object> arguments = Map.of("customerId", "C-1042", "amount", 250, "region", "eu-west",
                "note", "called back about the invoice", "target", "crm.internal.example.org",
                "lines", List.of(Map.of("sku", "A-1", "qty", 2), Map.of("sku", "B-7", "qty", 1)));
        SessionFacts session = new SessionFacts("s-1", NOW.minusSeconds(120), 12, Set.of("internal"),
                List.of("c7.t1", "c7.t2", "c3.t0"), 0.25);
        return new DecisionRequest(principal, tool, arguments, session, NOW);
    }
}
