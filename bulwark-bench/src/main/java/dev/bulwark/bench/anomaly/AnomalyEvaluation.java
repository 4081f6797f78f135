package dev.bulwark.bench.anomaly;

import dev.bulwark.anomaly.Anomaly;
import dev.bulwark.anomaly.AnomalyDetector;
import dev.bulwark.anomaly.AnomalyKind;
import dev.bulwark.anomaly.AnomalySettings;
import dev.bulwark.bench.anomaly.TrafficGenerator.Episode;
import dev.bulwark.bench.anomaly.TrafficGenerator.Generated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the detectors (default settings) over generated traffic in time order and reports, per kind: episodes detected
 * as that kind within {@value #WITHIN} calls of their start, the calls it took, and false alarms (anomalies on benign
 * calls) per 10,000 benign calls. Run: {@code java -cp … dev.bulwark.bench.anomaly.AnomalyEvaluation A B C}
 * (default: A B; C, D, E, F and G were each held out once, in that order: a new held-out setting is defined and
 * committed before a detector change, and run once after it).
 */
public final class AnomalyEvaluation {
    static final int WITHIN = 20;

    /** Per kind: episodes, detected, calls to detection, false alarms. */
    record KindResult(int episodes, int detected, double meanCalls, int maxCalls, int falseAlarms) {}

    /** A false alarm as reported: which kind, whose, on which tool, and why (the detector's summary). */
    record FalseAlarm(AnomalyKind kind, String principal, String tool, String summary, Map<String, Object> facts) {}

    record Result(TrafficSetting setting, long calls, long benign, Map<AnomalyKind, KindResult> kinds,
                  List<FalseAlarm> falseAlarmReasons) {
        double falseAlarmsPer10k(AnomalyKind kind) {
            return kinds.get(kind).falseAlarms() * 10_000.0 / benign;
        }

        double totalFalseAlarmsPer10k() {
            return kinds.values().stream().mapToInt(KindResult::falseAlarms).sum() * 10_000.0 / benign;
        }
    }

    private AnomalyEvaluation() {}

    static Result run(TrafficSetting setting) {
        TrafficGenerator generator = new TrafficGenerator(setting);
        List<Generated> traffic = generator.generate();
        Instant[] now = {TrafficGenerator.EPOCH};
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults(), () -> now[0]);
        Map<Integer, Integer> detectedAt = new HashMap<>();
        Map<AnomalyKind, Integer> falseAlarms = new EnumMap<>(AnomalyKind.class);
        List<FalseAlarm> reasons = new ArrayList<>();
        long benign = 0;
        for (Generated g : traffic) {
            now[0] = g.event().time();
            List<Anomaly> found = detector.observe(g.event());
            if (g.episode() == TrafficGenerator.BENIGN) {
                benign++;
                for (Anomaly a : found) {
                    falseAlarms.merge(a.kind(), 1, Integer::sum);
                    reasons.add(new FalseAlarm(a.kind(), a.principal(), a.tool(), a.summary(), a.facts()));
                }
            } else if (g.episode() >= 0) {
                Episode e = generator.episodes.get(g.episode());
                if (found.stream().anyMatch(a -> a.kind() == e.kind())) {
                    detectedAt.putIfAbsent(e.id(), g.index());
                }
            }
        }
        Map<AnomalyKind, KindResult> kinds = new EnumMap<>(AnomalyKind.class);
        for (AnomalyKind kind : AnomalyKind.values()) {
            List<Integer> calls = new ArrayList<>();
            int episodes = 0;
            for (Episode e : generator.episodes) {
                if (e.kind() == kind) {
                    episodes++;
                    Integer at = detectedAt.get(e.id());
                    if (at != null && at <= WITHIN) {
                        calls.add(at);
                    }
                }
            }
            kinds.put(kind, new KindResult(episodes, calls.size(),
                    calls.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN),
                    calls.stream().mapToInt(Integer::intValue).max().orElse(0), falseAlarms.getOrDefault(kind, 0)));
        }
        return new Result(setting, traffic.size(), benign, kinds, List.copyOf(reasons));
    }

    static String table(Result r) {
        StringBuilder out = new StringBuilder();
        TrafficSetting s = r.setting();
        out.append(String.format("Setting %s (seed %d): %d agents, %d days, %,d calls, %,d benign%n", s.name(), s.seed(),
                s.agents(), s.days(), r.calls(), r.benign()));
        out.append("| kind | episodes | detected ≤ 20 calls | rate | mean calls to detection | max | false alarms | per 10,000 benign |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<AnomalyKind, KindResult> e : r.kinds().entrySet()) {
            KindResult k = e.getValue();
            out.append(String.format("| %s | %d | %d | %.1f%% | %.1f | %d | %d | %.2f |%n", e.getKey().label(),
                    k.episodes(), k.detected(), 100.0 * k.detected() / Math.max(1, k.episodes()), k.meanCalls(),
                    k.maxCalls(), k.falseAlarms(), r.falseAlarmsPer10k(e.getKey())));
        }
        out.append(String.format("| all | | | | | | %d | %.2f |%n", r.kinds().values().stream()
                .mapToInt(KindResult::falseAlarms).sum(), r.totalFalseAlarmsPer10k()));
        return out.toString();
    }

    /** Every false alarm, one line each, grouped by kind: for diagnosing which detector raises them and why. */
    static String falseAlarms(Result r) {
        StringBuilder out = new StringBuilder();
        r.falseAlarmReasons().stream()
                .sorted(java.util.Comparator.comparing(FalseAlarm::kind).thenComparing(FalseAlarm::principal))
                .forEach(f -> out.append(String.format("  %s %s %s: %s %s%n", f.kind().label(), f.principal(),
                        f.tool(), f.summary(), new java.util.TreeMap<>(f.facts()))));
        return out.toString();
    }

    /** Arguments: setting names (default A B); {@code --why} also prints every false alarm's reason. */
    public static void main(String[] args) {
        List<String> names = new ArrayList<>(List.of(args));
        boolean why = names.remove("--why");
        List<String> which = names.isEmpty() ? List.of("A", "B") : names;
        for (String name : which) {
            Result result = run(TrafficSetting.named(name));
            System.out.println(table(result));
            if (why) {
                System.out.println("False alarms of " + name + ":");
                System.out.println(falseAlarms(result));
            }
        }
    }
}
