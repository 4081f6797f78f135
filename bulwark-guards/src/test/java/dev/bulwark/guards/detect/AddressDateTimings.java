package dev.bulwark.guards.detect;

import dev.bulwark.guards.eval.LabelledText;
import dev.bulwark.guards.eval.PiiEvaluation;
import dev.bulwark.guards.text.ScanText;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * CPU time per text of the address and date recognizers alone on the evaluation corpus, as {@link RecognizerTimings}
 * measures them, for comparing changes to those two quickly. A plain main, not a test. Usage:
 * {@code AddressDateTimings [rounds] [passes]}.
 */
public final class AddressDateTimings {
    private AddressDateTimings() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<LabelledText> samples;
        try (InputStream in = AddressDateTimings.class.getResourceAsStream("/pii-eval/synth_dataset_v2.json")) {
            samples = PiiEvaluation.read(in);
        }
        List<Recognizer> all = List.of(new DateRecognizer(), new AddressRecognizer());
        ScanText[] scans = samples.stream().map(s -> ScanText.of(s.text())).toArray(ScanText[]::new);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double perText = 1e3 * rounds * scans.length;
        for (int pass = 0; pass < passes; pass++) {
            StringBuilder line = new StringBuilder("pass " + pass + ":");
            for (Recognizer recognizer : all) {
                long cpu = 0;
                for (int r = 0; r < rounds; r++) {
                    Candidates[] outs = new Candidates[scans.length];
                    for (int i = 0; i < scans.length; i++) {
                        outs[i] = new Candidates(scans[i], 1_000_000);
                        outs[i].shape();
                    }
                    long t0 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < scans.length; i++) {
                        recognizer.recognize(scans[i].text(), outs[i]);
                    }
                    cpu += threads.getCurrentThreadCpuTime() - t0;
                }
                line.append(String.format(Locale.ROOT, "  %s %5.2f µs",
                        recognizer.getClass().getSimpleName().replace("Recognizer", ""), cpu / perText));
            }
            System.out.println(line);
        }
    }
}
