package dev.bulwark.bench;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Latency of one {@link CedarPolicyEngine#decide} at 10, 100 and 1,000 policies; the 10-policy case is the
 * baseline. Two generated mixes: {@code fleet} (below: many tools, roles and agents, each agent in a few roles) and
 * {@code legacy} ({@link PolicyCorpus}, where most policies are not principal-scoped). {@code unsliced} decides the
 * same request against the whole set (the engine's package-private {@code decideUnsliced}, used by its
 * differential test), to show what slicing saves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyDecisionBench {
    @Param({"10", "100", "1000"})
    public int policies;

    @Param({"fleet", "legacy"})
    public String mix;

    private Path dir;
    private CedarPolicyEngine engine;
    private MethodHandle unsliced;
    private DecisionRequest request;

    @Setup(Level.Trial)
    public void load() throws Throwable {
        dir = Files.createTempDirectory("bulwark-bench-policies");
        if ("fleet".equals(mix)) {
            Fleet.write(dir, policies, 42);
            request = Fleet.allowedRequest();
        } else {
            PolicyCorpus.write(dir, policies, 42);
            request = PolicyCorpus.allowedRequest();
        }
        engine = CedarPolicyEngine.load(dir);
        if (engine.policyCount() != policies) {
            throw new IllegalStateException("loaded " + engine.policyCount() + " policies, wanted " + policies);
        }
        // Same unnamed module on the class path: a private lookup reaches the package-private method.
        unsliced = MethodHandles.privateLookupIn(CedarPolicyEngine.class, MethodHandles.lookup())
                .findVirtual(CedarPolicyEngine.class, "decideUnsliced",
                        MethodType.methodType(Decision.class, DecisionRequest.class));
        Decision sliced = engine.decide(request);
        Decision whole = (Decision) unsliced.invoke(engine, request);
        if (!(sliced instanceof Decision.Allow) || !sliced.equals(whole)) {
            throw new IllegalStateException("the benchmark request must be allowed alike by slice and whole set: "
                    + sliced + " / " + whole);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Decision decide() {
        return engine.decide(request);
    }

    @Benchmark
    public Decision unsliced() throws Throwable {
        return (Decision) unsliced.invoke(engine, request);
    }

    /**
     * A fleet-shaped policy set: 40 connectors × 8 tools, 60 roles, 200 agents. Per policy: 45 % permits for a role
     * (on a tool, a connector or a kind; 10 % of them with {@code @approval}), 10 % permits for one agent, 5 %
     * permits for delegating users of a role ({@code principal is Bulwark::User in ...}), 15 % conditional forbids
     * for a role, 15 % conditional forbids for everyone, 5 % conditional forbids for every agent
     * ({@code principal is Bulwark::Agent}) and 5 % conditional forbids for one agent. The request: agent
     * {@code a17} in roles {@code support}, {@code role3}, {@code role11} calling write tool {@code c7.t3}.
     */
    static final class Fleet {
        static final int ROLES = 60;
        static final int AGENTS = 200;
        private static final String[] LABELS = {"untrusted", "pii", "secret", "confidential", "external"};

        private Fleet() {}

        static void write(Path dir, int count, long seed) throws IOException {
            PolicyCorpus.write(dir, count, seed, Fleet::policy);
        }

        private static String policy(Random random, int i) {
            int roll = random.nextInt(100);
            String id = "@id(\"p" + i + "\")\n";
            String scope = ", " + PolicyCorpus.action(random) + ", " + PolicyCorpus.resource(random) + ")";
            if (roll < 45) {
                String approval = random.nextInt(10) == 0 ? "@approval(\"manager\")\n" : "";
                return id + approval + "permit (principal in Bulwark::Role::\"" + role(random) + "\"" + scope + ";\n";
            }
            if (roll < 55) {
                return id + "permit (principal == Bulwark::Agent::\"" + agent(random) + "\"" + scope + ";\n";
            }
            if (roll < 60) {
                return id + "permit (principal is Bulwark::User in Bulwark::Role::\"" + role(random) + "\"" + scope
                        + "\nwhen { context.delegated };\n";
            }
            String principal = roll < 75 ? "principal in Bulwark::Role::\"" + role(random) + "\""
                    : roll < 90 ? "principal"
                    : roll < 95 ? "principal is Bulwark::Agent"
                    : "principal == Bulwark::Agent::\"" + agent(random) + "\"";
            return id + "forbid (" + principal + scope + "\nwhen { " + condition(random) + " };\n";
        }

        private static String condition(Random random) {
            String label = LABELS[random.nextInt(LABELS.length)];
            return switch (random.nextInt(5)) {
                case 0 -> "context.session.labels.contains(\"" + label + "\")";
                case 1 -> "context.arguments has amount && context.arguments.amount > "
                        + (1000 + random.nextInt(99_000));
                case 2 -> "context.arguments has region && context.arguments.region == \"r" + random.nextInt(20)
                        + "\"";
                case 3 -> "context.session.riskMillis > " + (500 + random.nextInt(500));
                default -> "context.session.labels.contains(\"" + label + "\") && context.arguments has target"
                        + " && context.arguments.target like \"*.example-" + random.nextInt(50) + ".com\"";
            };
        }

        private static String role(Random random) {
            return "role" + random.nextInt(ROLES);
        }

        private static String agent(Random random) {
            return "a" + random.nextInt(AGENTS);
        }

        static DecisionRequest allowedRequest() {
            Agent agent = new Agent("a17", "owner@example.com", Set.of("support", "role3", "role11"),
                    Map.of("department", "customer-care"), AgentStatus.ACTIVE, PolicyCorpus.NOW);
            Principal principal = new Principal(agent, Optional.empty(), "tok-1", Set.of("mcp"),
                    PolicyCorpus.NOW.plusSeconds(600));
            Tool tool = new Tool("c7.t3", "bench tool", "{\"type\":\"object\"}", ToolKind.WRITE, "c7", Set.of("pii"));
            Map<String, Object> arguments = Map.of("customerId", "C-1042", "amount", 250, "region", "eu-west",
                    "note", "called back about the invoice", "target", "crm.internal.example.org",
                    "lines", List.of(Map.of("sku", "A-1", "qty", 2), Map.of("sku", "B-7", "qty", 1)));
            SessionFacts session = new SessionFacts("s-1", PolicyCorpus.NOW.minusSeconds(120), 12,
                    Set.of("internal"), List.of("c7.t1", "c7.t2", "c3.t0"), 0.25);
            return new DecisionRequest(principal, tool, arguments, session, PolicyCorpus.NOW);
        }
    }
}
