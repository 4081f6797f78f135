package dev.bulwark.telemetry;

import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.telemetry.AnomalyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's Prometheus metrics. Every label value is bounded: tools and policies by {@link BoundedLabels}, effects
 * and steps by the code, guard names and finding labels by caps of their own, anomaly kinds likewise. Meters are
 * cached per label combination, so the hot path does one map look-up per meter.
 */
public final class CallMetrics implements AnomalyMetrics {
    static final int MAX_GUARD_LABELS = 32;
    static final int MAX_FINDING_LABELS = 64;
    static final int MAX_STEP_LABELS = 64;
    static final int MAX_ANOMALY_KINDS = 64;

    static final Duration[] BUCKETS = {Duration.ofNanos(50_000), Duration.ofNanos(100_000),
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BoundedLabels tools;
    private final BoundedLabels policies;
    private final BoundedLabels guards = new BoundedLabels(MAX_GUARD_LABELS);
    private final BoundedLabels findings = new BoundedLabels(MAX_FINDING_LABELS);
    private final BoundedLabels steps = new BoundedLabels(MAX_STEP_LABELS);
    private final BoundedLabels anomalyKinds = new BoundedLabels(MAX_ANOMALY_KINDS);
    private final Map<CallKey, Counter> calls = new ConcurrentHashMap<>();
    private final Map<String, Timer> callDurations = new ConcurrentHashMap<>();
    private final Map<String, Timer> stepDurations = new ConcurrentHashMap<>();
    private final Map<Class<?>, Timer> stepTimers = new ConcurrentHashMap<>();
    private final Map<FindingKey, Counter> findingCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> anomalies = new ConcurrentHashMap<>();
    private final Map<String, Counter> approvalDecisions = new ConcurrentHashMap<>();
    private final Counter approvalsOpened;
    private final Timer auditAppends;

    /** Written out rather than generated: looked up once per call on the hot path. */
    private record CallKey(String tool, String effect, String policy) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CallKey k && Objects.equals(tool, k.tool) && Objects.equals(effect, k.effect)
                    && Objects.equals(policy, k.policy);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(tool) * 31 + Objects.hashCode(effect)) * 31 + Objects.hashCode(policy);
        }
    }

    /** Written out rather than generated: looked up once per finding on the hot path. */
    private record FindingKey(String guard, String verdict, String label) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FindingKey k && Objects.equals(guard, k.guard) && Objects.equals(verdict, k.verdict)
                    && Objects.equals(label, k.label);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(guard) * 31 + Objects.hashCode(verdict)) * 31 + Objects.hashCode(label);
        }
    }

    CallMetrics(int maxToolLabels, int maxPolicyLabels) {
        this.tools = new BoundedLabels(maxToolLabels);
        this.policies = new BoundedLabels(maxPolicyLabels);
        this.approvalsOpened = Counter.builder("bulwark.approvals.opened")
                .description("Approval requests opened (calls held for a human)").register(registry);
        this.auditAppends = latency(Timer.builder("bulwark.audit.append.duration")
                .description("Time for an audit record to be durably appended (queue wait and group commit)"));
    }

    /** One finished call: counted by tool, effect and determining policy, timed by effect. */
    void call(String tool, String effect, String policy, long nanos) {
        CallKey key = new CallKey(tools.label(tool), effect, policies.label(policy));
        calls.computeIfAbsent(key, k -> Counter.builder("bulwark.tool.calls")
                .description("Tool calls by tool, effect (allowed, denied, approval_required, ...) and determining policy")
                .tags("tool", k.tool(), "effect", k.effect(), "policy", k.policy()).register(registry)).increment();
        callDurations.computeIfAbsent(effect, e -> latency(Timer.builder("bulwark.tool.call.duration")
                .description("End-to-end pipeline latency of a tool call, audit included").tag("effect", e)))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Time a step spent itself, without the steps it wrapped; one map look-up per step on the hot path. */
    void step(CallStep step, long selfNanos) {
        Timer timer = stepTimers.get(step.getClass());
        if (timer == null) {
            timer = stepTimers.computeIfAbsent(step.getClass(), type -> stepDurations.computeIfAbsent(
                    steps.label(CallFacts.step(step)), s -> latency(Timer.builder("bulwark.pipeline.step.duration")
                            .description("Time spent in one pipeline step, excluding the steps it wraps")
                            .tag("step", s))));
        }
        timer.record(selfNanos, TimeUnit.NANOSECONDS);
    }

    /** A guard's verdict that found something: one count per label it gave (or {@code none}). */
    void screened(String guard, Screening verdict) {
        String kind;
        Set<String> labels;
        switch (verdict) {
            case Screening.Pass pass -> {
                return;
            }
            case Screening.Rewrite rewrite -> {
                kind = "rewrite";
                labels = rewrite.labels();
            }
            case Screening.Block block -> {
                kind = "block";
                labels = block.labels();
            }
        }
        String g = guards.label(guard);
        if (labels.isEmpty()) {
            finding(g, kind, "none");
        }
        for (String label : labels) {
            finding(g, kind, findings.label(label));
        }
    }

    private void finding(String guard, String verdict, String label) {
        findingCounters.computeIfAbsent(new FindingKey(guard, verdict, label), k -> Counter
                .builder("bulwark.guard.findings")
                .description("Output guard findings by guard, verdict (rewrite, block) and label found")
                .tags("guard", k.guard(), "verdict", k.verdict(), "label", k.label()).register(registry)).increment();
    }

    @Override
    public void detected(String kind) {
        try {
            anomalies.computeIfAbsent(anomalyKinds.label(kind), k -> Counter.builder("bulwark.anomalies")
                    .description("Anomalies detected, by kind").tag("kind", k).register(registry)).increment();
        } catch (RuntimeException ignored) {
            // telemetry never throws into its callers
        }
    }

    void approvalOpened() {
        approvalsOpened.increment();
    }

    /** {@code decision}: approved, denied or expired (fixed by the caller). */
    void approvalDecided(String decision, double count) {
        approvalDecisions.computeIfAbsent(decision, d -> Counter.builder("bulwark.approvals.decided")
                .description("Approval requests decided on this gateway, by decision").tag("decision", d)
                .register(registry)).increment(count);
    }

    void auditAppend(long nanos) {
        auditAppends.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A gauge read at scrape time (e.g. approvals pending, audit queue depth). */
    <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).strongReference(true).register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    /** Histograms with fixed buckets from 50 µs to 30 s: 18 series per histogram, not Micrometer's ~70. */
    private Timer latency(Timer.Builder builder) {
        return builder.serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** For tests: the distinct tool labels kept so far. */
    int toolLabels() {
        return tools.size();
    }
}
