package dev.bulwark.guards.eval;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Type-agnostic span scores of a detector on a labelled set, with per-type recall and detection throughput.
 *
 * @param samples            texts evaluated
 * @param goldSpans          gold spans, all types
 * @param predictions        predicted spans, all types
 * @param matched            gold spans matched by a prediction (each prediction matches at most one gold span)
 * @param recallByType       recall per gold type, most frequent type first
 * @param utf8Bytes          size of all texts in UTF-8
 * @param detectionNanos     CPU time the evaluating thread spent in the detector (cold: includes JIT warm-up)
 * @param tokens             word tokens of all texts (the metric's tokens, stop words included)
 * @param unmatchedByType    predictions that matched no gold span (false positives), by predicted type
 */
public record EvaluationReport(int samples, int goldSpans, int predictions, int matched,
                               List<TypeRecall> recallByType, long utf8Bytes, long detectionNanos, long tokens,
                               Map<String, Integer> unmatchedByType) {
    public EvaluationReport {
        recallByType = List.copyOf(recallByType);
        unmatchedByType = Collections.unmodifiableMap(new TreeMap<>(unmatchedByType));
        if (unmatchedByType.values().stream().mapToInt(Integer::intValue).sum() != predictions - matched) {
            throw new IllegalArgumentException("false positives by type must add up to predictions - matched");
        }
        if (matched > goldSpans || matched > predictions) {
            throw new IllegalArgumentException("matched spans exceed gold or predicted spans");
        }
    }

    /** Recall for one gold type. */
    public record TypeRecall(String type, int gold, int matched) {
        public double recall() {
            return gold == 0 ? 0 : (double) matched / gold;
        }
    }

    public double precision() {
        return predictions == 0 ? 0 : (double) matched / predictions;
    }

    public double recall() {
        return goldSpans == 0 ? 0 : (double) matched / goldSpans;
    }

    /** F-beta with beta = 2: 5PR / (4P + R). */
    public double f2() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
    }

    /** Predictions matching no gold span per 1,000 word tokens, all types. */
    public double falsePositivesPerThousandTokens() {
        return perThousandTokens(predictions - matched);
    }

    /** Predictions of {@code type} matching no gold span per 1,000 word tokens. */
    public double falsePositivesPerThousandTokens(String type) {
        return perThousandTokens(unmatchedByType.getOrDefault(type, 0));
    }

    private double perThousandTokens(int count) {
        return tokens == 0 ? 0 : count * 1000.0 / tokens;
    }

    /** Megabytes (10^6 bytes of UTF-8) per second on one core. */
    public double megabytesPerSecond() {
        return detectionNanos == 0 ? 0 : utf8Bytes / 1e6 / (detectionNanos / 1e9);
    }

    /** A plain-text table for the command line. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "samples %d, gold spans %d, predicted spans %d, matched %d%n", samples,
                goldSpans, predictions, matched));
        b.append(String.format(Locale.ROOT, "precision %.3f  recall %.3f  F2 %.3f%n", precision(), recall(), f2()));
        b.append(String.format(Locale.ROOT, "throughput %.2f MB/s per core, single cold pass (%d bytes)%n", megabytesPerSecond(),
                utf8Bytes));
        b.append(String.format(Locale.ROOT, "false positives %d = %.2f per 1,000 tokens (%d tokens):", predictions
                - matched, falsePositivesPerThousandTokens(), tokens));
        unmatchedByType.forEach((type, n) -> b.append(String.format(Locale.ROOT, " %s %d (%.2f)", type, n,
                falsePositivesPerThousandTokens(type))));
        b.append('\n');
        b.append("recall by gold type:\n");
        for (TypeRecall t : recallByType) {
            b.append(String.format(Locale.ROOT, "  %-20s %5d gold  %5d matched  recall %.3f%n", t.type(), t.gold(),
                    t.matched(), t.recall()));
        }
        return b.toString();
    }
}
