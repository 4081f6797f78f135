package dev.bulwark.injection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Measures the detector on AgentDojo tool outputs: the true-positive rate on results carrying injected text and the
 * false-positive rate on results of benign runs, per suite, at a score threshold.
 *
 * <p>Run: {@code scripts/run-test-main.sh bulwark-injection dev.bulwark.injection.AgentDojoInjectionEvaluation
 * [tracesDirectory]}; without an argument it uses the bundled development split. Each line gives the rates of the
 * detector without tool names and of one that knows the suite's tools ({@code tools.json}), as the gateway's does.
 */
public final class AgentDojoInjectionEvaluation {
    private AgentDojoInjectionEvaluation() {}

    record SuiteResult(String suite, int positives, int detected, int negatives, int falseAlarms,
                       List<String> missed, List<String> falseAlarmTexts) {
        double truePositiveRate() {
            return positives == 0 ? 0 : (double) detected / positives;
        }

        double falsePositiveRate() {
            return negatives == 0 ? 0 : (double) falseAlarms / negatives;
        }

        String line(double threshold) {
            return String.format(Locale.ROOT, "%-10s threshold %.2f  TPR %5.1f%% (%d/%d)  FPR %4.1f%% (%d/%d)", suite,
                    threshold, 100 * truePositiveRate(), detected, positives, 100 * falsePositiveRate(), falseAlarms,
                    negatives);
        }
    }

    static List<SuiteResult> evaluate(AgentDojoCorpus corpus, HeuristicInjectionDetector detector, double threshold) {
        return evaluate(corpus, suite -> detector, threshold);
    }

    /** Each suite screened by a detector that knows that suite's tool names, as the gateway's detector does. */
    static List<SuiteResult> evaluateKnowingTools(AgentDojoCorpus corpus, double threshold) {
        return evaluate(corpus, suite -> new HeuristicInjectionDetector(DetectionSettings.defaults(),
                suite::toolNames), threshold);
    }

    private static List<SuiteResult> evaluate(AgentDojoCorpus corpus,
                                              Function<AgentDojoCorpus.Suite, HeuristicInjectionDetector> detectors,
                                              double threshold) {
        List<SuiteResult> results = new ArrayList<>();
        for (AgentDojoCorpus.Suite suite : corpus.suites().values()) {
            HeuristicInjectionDetector detector = detectors.apply(suite);
            List<String> missed = new ArrayList<>();
            List<String> falseAlarms = new ArrayList<>();
            int detected = 0;
            for (String text : suite.injected()) {
                if (detector.assess(text).score() >= threshold) {
                    detected++;
                } else {
                    missed.add(text);
                }
            }
            for (String text : suite.benign()) {
                if (detector.assess(text).score() >= threshold) {
                    falseAlarms.add(text);
                }
            }
            results.add(new SuiteResult(suite.name(), suite.injected().size(), detected, suite.benign().size(),
                    falseAlarms.size(), missed, falseAlarms));
        }
        return results;
    }

    public static void main(String[] args) {
        AgentDojoCorpus corpus = args.length > 0 ? AgentDojoCorpus.load(Path.of(args[0])) : AgentDojoCorpus.bundled();
        HeuristicInjectionDetector detector = HeuristicInjectionDetector.withDefaults();
        InjectionPolicy policy = InjectionPolicy.defaults();
        boolean verbose = Boolean.getBoolean("verbose");
        for (double threshold : new double[] {policy.labelAt(), policy.quarantineAt(), policy.blockAt()}) {
            List<SuiteResult> plain = evaluate(corpus, detector, threshold);
            List<SuiteResult> knowing = evaluateKnowingTools(corpus, threshold);
            for (int k = 0; k < plain.size(); k++) {
                System.out.println(plain.get(k).line(threshold) + "   knowing the suite's tools: "
                        + knowing.get(k).line(threshold).substring(10));
            }
            for (SuiteResult r : knowing) {
                if (verbose) {
                    r.missed().forEach(t -> System.out.println("  MISSED " + detector.assess(t).score() + " "
                            + t.replace("\n", "\\n").substring(0, Math.min(300, t.length()))));
                    r.falseAlarmTexts().forEach(t -> System.out.println("  FALSE ALARM " + detector.assess(t)
                            + " " + t.replace("\n", "\\n").substring(0, Math.min(300, t.length()))));
                }
            }
        }
    }
}
