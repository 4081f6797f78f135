package dev.bulwark.guards.detect;

import dev.bulwark.guards.eval.LabelledText;
import dev.bulwark.guards.eval.PiiEvaluation;
import dev.bulwark.guards.text.ScanText;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** Time spent per recognizer on the evaluation corpus, to find the slow one. A plain main, not a test. */
public final class RecognizerTimings {
    private RecognizerTimings() {}

    public static void main(String[] args) throws IOException {
        List<LabelledText> samples;
        try (InputStream in = RecognizerTimings.class.getResourceAsStream("/pii-eval/synth_dataset_v2.json")) {
            samples = PiiEvaluation.read(in);
        }
        List<Recognizer> all = List.of(new SecretRecognizer(), new EmailRecognizer(), new NetworkRecognizer(),
                new FinancialRecognizer(), new DateRecognizer(),
                new PhoneRecognizer(PiiDetectorSettings.defaults().phoneRegions()), new AddressRecognizer(),
                new ProperNounRecognizer(WordLists.shared()), new MiscRecognizer());
        for (int round = 0; round < 3; round++) {
            for (Recognizer r : all) {
                long t0 = System.nanoTime();
                for (LabelledText s : samples) {
                    ScanText scan = ScanText.of(s.text());
                    r.recognize(scan.text(), new Candidates(scan, 1_000_000));
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (round == 2) {
                    System.out.printf(Locale.ROOT, "%-24s %6d ms%n", r.getClass().getSimpleName(), ms);
                }
            }
        }
    }
}
