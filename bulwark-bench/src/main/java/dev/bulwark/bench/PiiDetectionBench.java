package dev.bulwark.bench;

import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.guards.eval.LabelledText;
import dev.bulwark.guards.eval.PiiEvaluation;
import dev.bulwark.spi.guard.Detector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link PatternPiiDetector#detect} over a whole labelled corpus (presidio-research's synthetic set by
 * default: 1,500 texts, 127,496 bytes of UTF-8), one text at a time on one thread, so MB/s per core is the corpus's
 * bytes divided by the time of one operation. The baseline in the same run is one {@code find()} loop of a single
 * e-mail regex over the same texts: the detector's cost is read as a number of such plain regex passes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PiiDetectionBench {
    /** A file in presidio-research's format; relative paths resolve against the working directory. */
    @Param("bulwark-guards/src/test/resources/pii-eval/synth_dataset_v2.json")
    public String corpus;

    private static final Pattern ONE_REGEX = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private String[] texts;
    private Detector detector;

    @Setup(Level.Trial)
    public void load() throws IOException {
        List<LabelledText> samples;
        try (InputStream in = Files.newInputStream(Path.of(corpus))) {
            samples = PiiEvaluation.read(in);
        }
        texts = samples.stream().map(LabelledText::text).toArray(String[]::new);
        long bytes = 0;
        for (String t : texts) {
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        detector = new PatternPiiDetector();
        System.out.printf("%n%d texts, %d bytes of UTF-8 per operation%n", texts.length, bytes);
    }

    @Benchmark
    public int detect() {
        int findings = 0;
        for (String t : texts) {
            findings += detector.detect(t).size();
        }
        return findings;
    }

    @Benchmark
    public int oneRegexBaseline() {
        int found = 0;
        for (String t : texts) {
            Matcher m = ONE_REGEX.matcher(t);
            while (m.find()) {
                found++;
            }
        }
        return found;
    }
}
