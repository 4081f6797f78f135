package dev.bulwark.bench.anomaly;

import dev.bulwark.anomaly.AnomalyKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a rate test (a Poisson likelihood on the gaps between calls) could find the generated runaway loops, at
 * best: each call-rate episode's first
 * {@value AnomalyEvaluation#WITHIN} calls judged by a Poisson CUSUM that is told what no detector knows — the agent's
 * true busy rate (its rate × the setting's busy factor) and the loop's own rate as the alternative (the best single
 * alternative there is) — at the call-rate detector's threshold, {@code 0.83 · ln 10⁶}. Episodes it cannot find within
 * those calls are beyond a rate test at that false-alarm budget, whatever its estimates (a test on the shape of the
 * gaps, the loop's regular pacing, could do more; that would be fitting this generator's loop). Run:
 * {@code java -cp … dev.bulwark.bench.anomaly.CallRateBound A B C D-wide E F}.
 */
public final class CallRateBound {
    static final double THRESHOLD = Math.log(1e6) * 0.83;

    /** Episodes, how many the oracle CUSUM finds within the calls, and the 5th percentile and median of its evidence. */
    record Bound(int episodes, int found, double fifthPercentile, double median) {}

    private CallRateBound() {}

    static Bound of(TrafficSetting setting) {
        TrafficGenerator generator = new TrafficGenerator(setting);
        List<TrafficGenerator.Generated> traffic = generator.generate();
        Map<Integer, List<Long>> times = new HashMap<>();
        for (TrafficGenerator.Generated g : traffic) {
            if (g.episode() >= 0 && generator.episodes.get(g.episode()).kind() == AnomalyKind.CALL_RATE) {
                times.computeIfAbsent(g.episode(), k -> new ArrayList<>()).add(g.event().time().toEpochMilli());
            }
        }
        List<Double> evidence = new ArrayList<>();
        for (TrafficGenerator.Episode e : generator.episodes) {
            if (e.kind() != AnomalyKind.CALL_RATE) {
                continue;
            }
            SimAgent agent = generator.agents.stream().filter(a -> a.id.equals(e.agent())).findFirst().orElseThrow();
            double busy = agent.rate * setting.busyFactor() / 60; // calls a second
            double loop = 1 / Math.min(3, 6 / agent.rate); // the generator's loop: 10 × the rate, ≥ 20 a minute
            double ratio = loop / busy;
            List<Long> t = times.get(e.id());
            double cusum = 0;
            double most = 0;
            for (int i = 1; i < Math.min(t.size(), AnomalyEvaluation.WITHIN); i++) {
                double gap = Math.max(1, t.get(i) - t.get(i - 1)) / 1000.0;
                cusum = Math.max(0, cusum + Math.log(ratio) - (ratio - 1) * busy * gap);
                most = Math.max(most, cusum);
            }
            evidence.add(most);
        }
        Collections.sort(evidence);
        int found = (int) evidence.stream().filter(x -> x > THRESHOLD).count();
        return new Bound(evidence.size(), found, percentile(evidence, 0.05), percentile(evidence, 0.5));
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    /** Arguments: setting names (default A B). */
    public static void main(String[] args) {
        System.out.printf("| setting | episodes | found within %d calls by the oracle CUSUM (h %.1f) | evidence, 5th percentile | median |%n",
                AnomalyEvaluation.WITHIN, THRESHOLD);
        System.out.println("|---|---|---|---|---|");
        for (String name : args.length == 0 ? new String[] {"A", "B"} : args) {
            Bound b = of(TrafficSetting.named(name));
            System.out.printf("| %s | %d | %d (%.1f%%) | %.1f | %.1f |%n", name, b.episodes(), b.found(),
                    100.0 * b.found() / Math.max(1, b.episodes()), b.fifthPercentile(), b.median());
        }
    }
}
