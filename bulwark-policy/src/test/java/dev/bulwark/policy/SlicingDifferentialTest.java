package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random policies and requests: deciding against a slice (cut by tool and by principal) must give exactly what
 * deciding against the whole set gives (allow or deny, determining ids, obligations, errors).
 *
 * <p>Policies name roles r0–r3 and agents a0–a3, users u0–u2; requests also carry roles r4, r5 and agents a4, a5
 * that no policy names, so that principals share slices through their signatures.
 */
class SlicingDifferentialTest {
    private static final String[] ROLES = {"r0", "r1", "r2", "r3"};
    private static final String[] REQUEST_ROLES = {"r0", "r1", "r2", "r3", "r4", "r5"};
    private static final String[] CONNECTORS = {"crm", "mail", "web"};
    private static final ToolKind[] KINDS = ToolKind.values();
    private static final List<Tool> TOOLS = List.of(
            Requests.tool("crm.get", ToolKind.READ, "pii"),
            Requests.tool("crm.update", ToolKind.WRITE),
            Requests.tool("crm.delete", ToolKind.WRITE),
            Requests.tool("mail.send", ToolKind.EGRESS, "internal"),
            Requests.tool("mail.read", ToolKind.READ, "untrusted", "pii"),
            Requests.tool("web.fetch", ToolKind.EGRESS, "untrusted"),
            Requests.tool("web.run", ToolKind.EXECUTE));

    @TempDir
    Path dir;

    @Test
    void slicedAndWholeSetsDecideAlike() throws IOException {
        Set<String> outcomes = new HashSet<>();
        int[] policiesPerFile = {100, 100, 20, 5};
        for (int seed = 0; seed < policiesPerFile.length; seed++) {
            Random random = new Random(seed);
            for (int file = 0; file < 3; file++) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < policiesPerFile[seed]; i++) {
                    text.append(policy(random, seed + "-" + file + "-" + i)).append('\n');
                }
                Files.writeString(dir.resolve("f" + file + ".cedar"), text);
            }
            // Validation off: the corpus keeps policies that error at run time (an unguarded argument, a record
            // compared whole), because slicing must agree with the whole set on errors too.
            CedarPolicyEngine engine = CedarPolicyEngine.load(dir, PolicyOptions.strict()
                    .withValidation(PolicyValidation.OFF));
            assertThat(engine.policyCount()).isEqualTo(3 * policiesPerFile[seed]);
            for (Tool tool : TOOLS) {
                assertThat(engine.sliceSize(tool)).isLessThan(engine.policyCount());
            }
            for (int i = 0; i < 400; i++) {
                DecisionRequest request = request(random);
                Decision sliced = engine.decide(request);
                Decision whole = engine.decideUnsliced(request);
                assertThat(sliced).as("seed %d request %d: %s", seed, i, request).isEqualTo(whole);
                outcomes.add(outcome(sliced));
            }
        }
        assertThat(outcomes).as("the random requests exercise every kind of outcome")
                .contains("allow", "allow-with-obligation", "forbidden", "no-permit", "error");
    }

    private static String outcome(Decision decision) {
        return switch (decision) {
            case Decision.Allow allow -> allow.obligations().isEmpty() ? "allow" : "allow-with-obligation";
            case Decision.Deny deny when !deny.errors().isEmpty() -> "error";
            case Decision.Deny deny -> deny.policyIds().isEmpty() ? "no-permit" : "forbidden";
        };
    }

    private static String policy(Random random, String name) {
        boolean permit = random.nextInt(10) < 7;
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            out.append("@id(\"p").append(name).append("\")\n");
        }
        if (permit && random.nextInt(6) == 0) {
            out.append("@approval(\"").append(pick(random, ROLES)).append("\")\n");
        }
        out.append(permit ? "permit(" : "forbid(");
        // Forbids are kept narrow so that the random requests also reach allows and plain denials.
        int principal = permit ? random.nextInt(12) : new int[] {1, 2, 5, 7, 9, 10}[random.nextInt(6)];
        out.append(switch (principal) {
            case 0 -> "principal";
            case 1 -> "principal == Bulwark::Agent::\"a" + random.nextInt(4) + "\"";
            case 2 -> "principal == Bulwark::User::\"u" + random.nextInt(3) + "\"";
            case 3 -> "principal is Bulwark::Agent";
            case 4 -> "principal is Bulwark::User in Bulwark::Role::\"" + pick(random, ROLES) + "\"";
            case 7 -> "principal in Bulwark::Agent::\"a" + random.nextInt(4) + "\"";
            case 8 -> "principal is Bulwark::User";
            case 9 -> "principal is Bulwark::Agent in Bulwark::Role::\"" + pick(random, ROLES) + "\"";
            case 10 -> "principal is Bulwark::Agent in Bulwark::Agent::\"a" + random.nextInt(4) + "\"";
            case 11 -> "principal in Bulwark::User::\"u" + random.nextInt(3) + "\"";
            default -> "principal in Bulwark::Role::\"" + pick(random, ROLES) + "\"";
        }).append(", ");
        out.append(switch (random.nextInt(5)) {
            case 0 -> "action";
            case 1 -> "action in Bulwark::Action::\"call\"";
            case 2 -> "action in [Bulwark::Action::\"" + pick(random, KINDS).label() + "\", Bulwark::Action::\""
                    + pick(random, KINDS).label() + "\"]";
            default -> "action == Bulwark::Action::\"" + pick(random, KINDS).label() + "\"";
        }).append(", ");
        out.append(switch (permit ? random.nextInt(6) : 5) {
            case 0 -> "resource";
            case 1 -> "resource in Bulwark::Connector::\"" + pick(random, CONNECTORS) + "\"";
            case 2 -> "resource in Bulwark::Kind::\"" + pick(random, KINDS).label() + "\"";
            case 3 -> "resource is Bulwark::Tool in Bulwark::Connector::\"" + pick(random, CONNECTORS) + "\"";
            default -> "resource == Bulwark::Tool::\"" + TOOLS.get(random.nextInt(TOOLS.size())).name() + "\"";
        }).append(")");
        // One policy in forty reads an argument without `has` and so fails when it is absent.
        out.append(random.nextInt(40) == 0 ? " when { context.arguments.n > " + random.nextInt(10) + " }"
                : switch (random.nextInt(16)) {
                    case 1 -> " when { context.arguments has n && context.arguments.n < " + random.nextInt(10) + " }";
                    case 2 -> " when { context.session.labels.contains(\"untrusted\") }";
                    case 3 -> " unless { context.delegated }";
                    case 4 -> " when { resource.labels.contains(\"pii\") && context.time.hourUtc >= 9 }";
                    case 5 -> " when { context.agent.owner like \"*@example.com\" && context.arguments has doc }";
                    case 6 -> " when { principal in Bulwark::Role::\"" + pick(random, ROLES) + "\" }";
                    case 7 -> " when { context.arguments has doc && context.arguments.doc.size > " + random.nextInt(5)
                            + " }";
                    case 8 -> " unless { context.arguments.doc.title == \"t\" }";
                    case 9 -> " when { context has session && context.session.callCount > 0 }";
                    case 10 -> " when { context.arguments == {\"n\": " + random.nextInt(10) + "} }";
                    default -> "";
                });
        return out.append(";").toString();
    }

    private static DecisionRequest request(Random random) {
        Agent agent = Requests.agent("a" + random.nextInt(6), roles(random));
        Principal principal = random.nextInt(3) == 0
                ? Requests.principal(agent, Requests.user("u" + random.nextInt(4), roles(random)))
                : Requests.principal(agent);
        Map<String, Object> arguments = new HashMap<>();
        if (random.nextBoolean()) {
            arguments.put("n", random.nextInt(10));
        }
        if (random.nextBoolean()) {
            arguments.put("m", "read by no policy");
        }
        switch (random.nextInt(4)) {
            case 0 -> arguments.put("doc", Map.of("size", random.nextInt(6), "body", "long text"));
            case 1 -> arguments.put("doc", "not a record");
            default -> { }
        }
        Set<String> labels = random.nextInt(4) == 0 ? Set.of("untrusted") : Set.of();
        SessionFacts session = new SessionFacts("s", Requests.MONDAY_NOON, 1, labels, List.of(), 0);
        return new DecisionRequest(principal, TOOLS.get(random.nextInt(TOOLS.size())), arguments, session,
                Requests.MONDAY_NOON.plusSeconds(3600L * random.nextInt(24)));
    }

    private static String[] roles(Random random) {
        Set<String> roles = new HashSet<>();
        for (String role : REQUEST_ROLES) {
            if (random.nextInt(3) == 0) {
                roles.add(role);
            }
        }
        return roles.toArray(String[]::new);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
