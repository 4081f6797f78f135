package dev.bulwark.bench.anomaly;

import dev.bulwark.anomaly.AnomalyDetector;
import dev.bulwark.anomaly.AnomalySettings;
import dev.bulwark.anomaly.CallEvent;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the nine detectors on generated traffic (setting A: 40 agents, 14 days, in time order), one call per
 * operation, against a baseline measured in the same run: {@code bookkeeping} does only what any per-principal
 * listener must (find the agent's entry in a bounded LRU map and count the call), so the ratio is the detectors' own
 * cost. The traffic is replayed from the start with fresh baselines whenever it runs out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AnomalyDetectorBench {
    private List<CallEvent> traffic;
    private AnomalyDetector detector;
    private Map<String, long[]> counts;
    private int next;

    @Setup(Level.Trial)
    public void generate() {
        traffic = new TrafficGenerator(TrafficSetting.A).generate().stream().map(TrafficGenerator.Generated::event)
                .toList();
    }

    @Setup(Level.Iteration)
    public void fresh() {
        next = 0;
        Instant far = TrafficGenerator.EPOCH.plusSeconds(365L * 86_400);
        detector = new AnomalyDetector(AnomalySettings.defaults(), InstantSource.fixed(far));
        counts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > 10_000;
            }
        };
    }

    private CallEvent nextCall() {
        if (next == traffic.size()) {
            fresh();
        }
        return traffic.get(next++);
    }

    @Benchmark
    public int detectors() {
        return detector.observe(nextCall()).size();
    }

    @Benchmark
    public long bookkeeping() {
        CallEvent call = nextCall();
        return ++counts.computeIfAbsent("agent:" + call.agentId(), k -> new long[1])[0];
    }
}
