package dev.bulwark.bench;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
 * Latency of one {@link CedarPolicyEngine#decide} at 10, 100 and 1,000 policies ({@link PolicyCorpus}); the
 * 10-policy case is the baseline. {@code unsliced} decides the same request against the whole set (the engine's
 * package-private {@code decideUnsliced}, used by its differential test), to show what per-tool slicing saves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyDecisionBench {
    @Param({"10", "100", "1000"})
    public int policies;

    private Path dir;
    private CedarPolicyEngine engine;
    private MethodHandle unsliced;
    private DecisionRequest request;

    @Setup(Level.Trial)
    public void load() throws Throwable {
        dir = Files.createTempDirectory("bulwark-bench-policies");
        PolicyCorpus.write(dir, policies, 42);
        engine = CedarPolicyEngine.load(dir);
        if (engine.policyCount() != policies) {
            throw new IllegalStateException("loaded " + engine.policyCount() + " policies, wanted " + policies);
        }
        request = PolicyCorpus.allowedRequest();
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
}
