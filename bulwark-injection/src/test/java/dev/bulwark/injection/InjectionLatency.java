package dev.bulwark.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Latency of {@link HeuristicInjectionDetector#assess} on 4 KB tool outputs: the benign AgentDojo outputs, each
 * repeated or cut to 4096 characters. Prints p50, p99 and max over many calls after a warm-up. A plain main, not a
 * test: timings belong in benchmarks, not in assertions.
 */
public final class InjectionLatency {
    private InjectionLatency() {}

    private static final int SIZE = 4096;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        List<String> inputs = new ArrayList<>();
        for (AgentDojoCorpus.Suite suite : AgentDojoCorpus.bundled().suites().values()) {
            for (List<String> texts : List.of(suite.benign(), suite.injected())) {
                for (String t : texts) {
                    if (!t.isBlank()) {
                        inputs.add(toSize(t));
                    }
                }
            }
        }
        HeuristicInjectionDetector detector = HeuristicInjectionDetector.withDefaults();
        double sink = 0;
        for (int warm = 0; warm < 20; warm++) {
            for (String input : inputs) {
                sink += detector.assess(input).score();
            }
        }
        long[] nanos = new long[rounds * inputs.size()];
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (String input : inputs) {
                long start = System.nanoTime();
                sink += detector.assess(input).score();
                nanos[n++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%d calls on %d distinct 4 KB outputs: p50 %.3f ms, p99 %.3f ms, max %.3f ms "
                        + "(checksum %.1f)%n", nanos.length, inputs.size(), nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6, sink);
    }

    private static String toSize(String text) {
        StringBuilder out = new StringBuilder(SIZE);
        while (out.length() < SIZE) {
            out.append(text).append('\n');
        }
        return out.substring(0, SIZE);
    }
}
