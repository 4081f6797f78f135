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
 * CPU time per text of each recognizer on the evaluation corpus (the text's {@link TextShape} is computed before
 * the clock starts and timed on its own), to find the slow one. A plain main, not a test. Usage:
 * {@code RecognizerTimings [rounds] [Name ...]} (e.g. {@code 150 Address Date}; 150 rounds reach the JIT's steady state,
 * 20 often do not).
 */
public final class RecognizerTimings {
    private RecognizerTimings() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        // Further arguments name the recognizers to time ("Address", "Date", ...); none means all of them.
        java.util.Set<String> only = java.util.Set.of(java.util.Arrays.copyOfRange(args, Math.min(1, args.length),
                args.length));
        List<LabelledText> samples;
        try (InputStream in = RecognizerTimings.class.getResourceAsStream("/pii-eval/synth_dataset_v2.json")) {
            samples = PiiEvaluation.read(in);
        }
        List<Recognizer> all = List.of(new SecretRecognizer(), new EmailRecognizer(), new NetworkRecognizer(),
                new FinancialRecognizer(), new DateRecognizer(),
                new PhoneRecognizer(PiiDetectorSettings.defaults().phoneRegions()), new AddressRecognizer(),
                new ProperNounRecognizer(WordLists.shared()), new MiscRecognizer()).stream()
                .filter(r -> only.isEmpty() || only.contains(r.getClass().getSimpleName().replace("Recognizer", "")))
                .toList();
        ScanText[] scans = samples.stream().map(s -> ScanText.of(s.text())).toArray(ScanText[]::new);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double perText = 1e3 * rounds * scans.length;
        for (int pass = 0; pass < 3; pass++) {
            StringBuilder line = new StringBuilder();
            long c0 = threads.getCurrentThreadCpuTime();
            for (int r = 0; r < rounds; r++) {
                for (ScanText s : scans) {
                    TextShape.of(s.text());
                }
            }
            line.append(String.format(Locale.ROOT, "%-12s %5.2f µs%n", "TextShape", (threads.getCurrentThreadCpuTime() - c0) / perText));
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
                line.append(String.format(Locale.ROOT, "%-12s %5.2f µs%n",
                        recognizer.getClass().getSimpleName().replace("Recognizer", ""), cpu / perText));
            }
            if (pass == 2) {
                System.out.print("CPU time per text (last of three passes, " + rounds + " rounds each):\n" + line);
            }
        }
    }
}
