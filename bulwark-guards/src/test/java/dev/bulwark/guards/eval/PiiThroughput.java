package dev.bulwark.guards.eval;

import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.spi.guard.Detector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the default detector on the evaluation corpus, one thread (so MB/s per core): a warm-up, then timed
 * rounds over every text. A plain main, not a test: timing belongs in benchmarks, not in assertions.
 * Usage: {@code PiiThroughput [rounds]}.
 */
public final class PiiThroughput {
    private PiiThroughput() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
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
        for (int i = 0; i < 5; i++) {
            for (LabelledText s : samples) {
                sink += detector.detect(s.text()).size();
            }
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (LabelledText s : samples) {
                sink += detector.detect(s.text()).size();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double mb = bytes * (double) rounds / 1e6;
        System.out.printf(Locale.ROOT, "%d texts, %d bytes, %d rounds: %.2f MB/s on one thread (%.1f µs per text, %d findings)%n",
                samples.size(), bytes, rounds, mb / seconds, seconds * 1e6 / (rounds * samples.size()), sink);
    }
}
