package dev.bulwark.injection;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Latency of {@link HeuristicInjectionDetector#assess} on 4 KB tool outputs: the distinct benign AgentDojo tool
 * outputs (the requirement) and, separately, the injected ones, each repeated or cut to 4096 characters. Prints
 * percentiles of wall-clock and thread CPU time after a warm-up. A plain main, not a test: timings belong in
 * benchmarks, not in assertions.
 */
public final class InjectionLatency {
    private InjectionLatency() {}

    private static final int SIZE = 4096;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        List<String> benign = new ArrayList<>();
        List<String> injected = new ArrayList<>();
        for (AgentDojoCorpus.Suite suite : AgentDojoCorpus.bundled().suites().values()) {
            suite.benign().stream().filter(t -> !t.isBlank()).map(InjectionLatency::toSize).forEach(benign::add);
            suite.injected().stream().map(InjectionLatency::toSize).forEach(injected::add);
        }
        // as the gateway builds it: the detector knows the gateway's tool names
        HeuristicInjectionDetector detector = new HeuristicInjectionDetector(DetectionSettings.defaults(),
                () -> LabelledTexts.DEMO_TOOLS);
        measure("benign", benign, detector, rounds);
        measure("injected", injected, detector, rounds);
    }

    private static void measure(String name, List<String> inputs, HeuristicInjectionDetector detector, int rounds) {
        double sink = 0;
        for (int warm = 0; warm < 20; warm++) {
            for (String input : inputs) {
                sink += detector.assess(input).score();
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[rounds * inputs.size()];
        long[] cpu = new long[wall.length];
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (String input : inputs) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                sink += detector.assess(input).score();
                wall[n] = System.nanoTime() - start;
                cpu[n++] = threads.getCurrentThreadCpuTime() - cpuStart;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d calls on %d distinct 4 KB outputs (checksum %.1f)%n", name,
                wall.length, inputs.size(), sink);
        report("wall-clock", wall);
        // on a shared machine wall-clock percentiles include time the thread waited for a core; CPU time does not
        report("thread CPU", cpu);
    }

    private static void report(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "  %-10s p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", what,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.9)] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    private static String toSize(String text) {
        StringBuilder out = new StringBuilder(SIZE);
        while (out.length() < SIZE) {
            out.append(text).append('\n');
        }
        return out.substring(0, SIZE);
    }
}
