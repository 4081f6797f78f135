package dev.bulwark.guards.eval;

import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.spi.guard.Detector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the default detector on the evaluation corpus, one thread (so MB/s per core): a warm-up, then timed
 * rounds over every text. A plain main, not a test: timing belongs in benchmarks, not in assertions.
 * Usage: {@code PiiThroughput [rounds] [warm-up rounds]}; the warm-up must be long enough for the JIT to settle on
 * its final code for the many small scanners (2,000 rounds, about ten seconds, by default; 40 rounds under-report by
 * about a quarter). The JMH benchmark {@code PiiDetectionBench} in bulwark-bench measures the same steady state.
 */
public final class PiiThroughput {
    private PiiThroughput() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<LabelledText> samples;
        try (InputStream in = PiiThroughput.class.getResourceAsStream("/pii-eval/synth_dataset_v2.json")) {
            samples = PiiEvaluation.read(in);
        }
        long bytes = 0;
        for (LabelledText s : samples) {
            bytes += s.text().getBytes(StandardCharsets.UTF_8).length;
        }
        Detector detector = new PatternPiiDetector();
        long sink = 0;
        for (int i = 0; i < warmUp; i++) {
            for (LabelledText s : samples) {
                sink += detector.detect(s.text()).size();
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            for (LabelledText s : samples) {
                sink += detector.detect(s.text()).size();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        double mb = bytes * (double) rounds / 1e6;
        // CPU time of the measuring thread is the per-core figure even when other processes share the machine.
        System.out.printf(Locale.ROOT, "%d texts, %d bytes, %d rounds: %.2f MB/s per core (thread CPU time), "
                        + "%.2f MB/s wall clock, %.1f µs CPU per text (%d findings)%n",
                samples.size(), bytes, rounds, mb / cpuSeconds, mb / seconds,
                cpuSeconds * 1e6 / (rounds * samples.size()), sink);
    }
}
