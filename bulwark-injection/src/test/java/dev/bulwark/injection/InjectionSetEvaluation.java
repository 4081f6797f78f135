package dev.bulwark.injection;

import java.util.Locale;
import java.util.Map;

/**
 * Detection and false-positive rates on the bundled evaluation sets ({@code set-a}: templated; {@code set-b}: written
 * separately with other phrasings, carriers and obfuscation variants; {@code set-c}: held out, never used to change a
 * rule), with the demo gateway's tool names. How each set was made: {@code injection-eval/README.md}.
 *
 * <p>Run: {@code scripts/run-test-main.sh bulwark-injection dev.bulwark.injection.InjectionSetEvaluation}
 * ({@code -Dverbose=true} lists misses and false alarms).
 */
public final class InjectionSetEvaluation {
    private InjectionSetEvaluation() {}

    public static void main(String[] args) {
        HeuristicInjectionDetector detector = new HeuristicInjectionDetector(DetectionSettings.defaults(),
                () -> LabelledTexts.DEMO_TOOLS);
        InjectionPolicy policy = InjectionPolicy.defaults();
        boolean verbose = Boolean.getBoolean("verbose");
        for (String set : args.length > 0 ? args : new String[] {"set-a", "set-b", "set-c"}) {
            LabelledTexts texts = LabelledTexts.bundled(set);
            for (double threshold : new double[] {policy.labelAt(), policy.quarantineAt(), policy.blockAt()}) {
                LabelledTexts.Rates r = texts.rates(detector, threshold);
                System.out.println(r.line(set, threshold));
                if (threshold == policy.labelAt()) {
                    for (Map.Entry<String, int[]> e : r.missedByFamily().entrySet()) {
                        System.out.printf(Locale.ROOT, "    %-26s %d/%d%n", e.getKey(), e.getValue()[0],
                                e.getValue()[1]);
                    }
                    if (verbose) {
                        r.missed().forEach(s -> System.out.println("  MISSED " + s.family() + " "
                                + detector.assess(s.text()).score() + " " + oneLine(s.text())));
                        r.falseAlarmSamples().forEach(s -> System.out.println("  FALSE ALARM " + s.family() + " "
                                + detector.assess(s.text()) + " " + oneLine(s.text())));
                    }
                }
            }
        }
    }

    private static String oneLine(String text) {
        String t = text.replace("\n", "\\n");
        return t.substring(0, Math.min(260, t.length()));
    }
}
