package dev.bulwark.guards.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.guards.detect.PiiDetectorSettings;
import dev.bulwark.guards.detect.WordLists;
import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Measures a detector the way presidio-research's span evaluator reports it: every gold span counts whatever its
 * type; a prediction matches a gold span when their token-level intersection-over-union is at least 0.9, after
 * punctuation, whitespace, English stop words (spaCy's list) and the address words "street", "st", "rue", "via" and
 * "de" are dropped from both; each gold span matches at most one prediction (the unmatched one with the highest IoU);
 * precision = matched predictions / predictions, recall = matched gold / gold, F2 = 5PR / (4P + R). Predictions
 * that match no gold span are also counted by their type, against the number of word tokens (false positives per
 * 1,000 tokens, the figure for texts that hold little or no PII).
 */
public final class PiiEvaluation {
    public static final double IOU_THRESHOLD = 0.9;
    private static final Set<String> ADDRESS_WORDS = Set.of("street", "st", "rue", "via", "de");

    private final Detector detector;
    private final Set<String> skipWords;

    public PiiEvaluation(Detector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
        Set<String> skip = new HashSet<>(WordLists.shared().englishStopWords());
        skip.addAll(ADDRESS_WORDS);
        this.skipWords = Set.copyOf(skip);
    }

    /** Reads a JSON array of {@code {full_text, spans: [{entity_type, start_position, end_position}]}}. */
    public static List<LabelledText> read(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isArray()) {
            throw new IOException("expected a JSON array of samples");
        }
        List<LabelledText> out = new ArrayList<>();
        for (JsonNode sample : root) {
            String text = sample.path("full_text").asText(null);
            if (text == null) {
                throw new IOException("sample " + out.size() + " has no full_text");
            }
            List<LabelledText.GoldSpan> spans = new ArrayList<>();
            for (JsonNode s : sample.path("spans")) {
                spans.add(new LabelledText.GoldSpan(s.path("entity_type").asText(),
                        s.path("start_position").asInt(), s.path("end_position").asInt()));
            }
            out.add(new LabelledText(text, spans));
        }
        return out;
    }

    public EvaluationReport evaluate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return evaluate(read(in));
        }
    }

    public EvaluationReport evaluate(List<LabelledText> samples) {
        int gold = 0;
        int predicted = 0;
        int matched = 0;
        long bytes = 0;
        long nanos = 0;
        Map<String, int[]> byType = new LinkedHashMap<>();
        Map<String, Integer> unmatched = new java.util.TreeMap<>();
        long words = 0;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (LabelledText sample : samples) {
            long t0 = cpu.getCurrentThreadCpuTime();
            List<Finding> findings = detector.detect(sample.text());
            nanos += cpu.getCurrentThreadCpuTime() - t0;
            bytes += sample.text().getBytes(StandardCharsets.UTF_8).length;
            List<Token> tokens = tokens(sample.text());
            words += tokens.size();
            List<BitSet> predictions = new ArrayList<>();
            for (Finding f : findings) {
                predictions.add(covered(tokens, f.start(), f.end()));
            }
            boolean[] used = new boolean[predictions.size()];
            List<LabelledText.GoldSpan> spans = new ArrayList<>(sample.spans());
            spans.sort(Comparator.comparingInt(LabelledText.GoldSpan::start));
            for (LabelledText.GoldSpan g : spans) {
                BitSet goldTokens = covered(tokens, g.start(), g.end());
                int best = -1;
                double bestIou = 0;
                for (int p = 0; p < predictions.size(); p++) {
                    if (used[p]) {
                        continue;
                    }
                    double iou = iou(goldTokens, predictions.get(p));
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = p;
                    }
                }
                int[] counts = byType.computeIfAbsent(g.type(), k -> new int[2]);
                counts[0]++;
                if (best >= 0 && bestIou >= IOU_THRESHOLD) {
                    used[best] = true;
                    counts[1]++;
                    matched++;
                }
            }
            gold += spans.size();
            predicted += predictions.size();
            for (int p = 0; p < used.length; p++) {
                if (!used[p]) {
                    unmatched.merge(findings.get(p).type(), 1, Integer::sum);
                }
            }
        }
        List<EvaluationReport.TypeRecall> recall = new ArrayList<>();
        byType.forEach((type, c) -> recall.add(new EvaluationReport.TypeRecall(type, c[0], c[1])));
        recall.sort(Comparator.comparingInt(EvaluationReport.TypeRecall::gold).reversed()
                .thenComparing(EvaluationReport.TypeRecall::type));
        return new EvaluationReport(samples.size(), gold, predicted, matched, recall, bytes, nanos, words, unmatched);
    }

    private static double iou(BitSet a, BitSet b) {
        BitSet union = (BitSet) a.clone();
        union.or(b);
        int u = union.cardinality();
        if (u == 0) {
            return 0;
        }
        BitSet inter = (BitSet) a.clone();
        inter.and(b);
        return (double) inter.cardinality() / u;
    }

    private record Token(int start, int end, boolean skipped) {
    }

    /** Indices of the kept tokens that overlap {@code [start, end)}. */
    private static BitSet covered(List<Token> tokens, int start, int end) {
        BitSet out = new BitSet(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.skipped() && t.start() < end && t.end() > start) {
                out.set(i);
            }
        }
        return out;
    }

    /**
     * Word tokens in the manner of spaCy's English tokenizer for this purpose: runs of letters, marks and digits;
     * clitics ("'s", "n't", "'ll") split off as their own tokens; everything else is punctuation or whitespace and
     * is not a token that counts.
     */
    List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!wordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int s = i;
            while (i < n && wordChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int e = i;
            String word = text.substring(s, e);
            if (i + 1 < n && (text.charAt(i) == '\'' || text.charAt(i) == '’') && text.charAt(i + 1) == 't'
                    && word.toLowerCase(Locale.ROOT).endsWith("n") && word.length() > 1
                    && (i + 2 >= n || !wordChar(text.codePointAt(i + 2)))) {
                out.add(token(text, s, e - 1));
                out.add(token(text, e - 1, i + 2));
                i += 2;
                continue;
            }
            out.add(token(text, s, e));
            if (i + 1 < n && (text.charAt(i) == '\'' || text.charAt(i) == '’') && Character.isLetter(text.charAt(i + 1))) {
                int c = i + 1;
                while (c < n && Character.isLetter(text.charAt(c))) {
                    c++;
                }
                String clitic = text.substring(i, c).toLowerCase(Locale.ROOT);
                if (clitic.length() <= 3) {
                    out.add(token(text, i, c));
                    i = c;
                }
            }
        }
        return out;
    }

    private Token token(String text, int s, int e) {
        return new Token(s, e, skipWords.contains(text.substring(s, e).toLowerCase(Locale.ROOT)));
    }

    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }

    /**
     * {@code bulwark pii evaluate FILE [--min-score S]}: prints precision, recall, F2, per-type recall and
     * throughput of the default detector (or one with another score threshold).
     */
    public static void main(String[] args) throws IOException {
        PiiDetectorSettings settings = PiiDetectorSettings.defaults();
        if (args.length == 3 && args[1].equals("--min-score")) {
            settings = settings.withMinScore(Double.parseDouble(args[2]));
        } else if (args.length != 1) {
            System.err.println("usage: PiiEvaluation FILE.json [--min-score S]");
            System.exit(2);
            return;
        }
        PiiEvaluation evaluation = new PiiEvaluation(new PatternPiiDetector(settings));
        System.out.print(evaluation.evaluate(Path.of(args[0])).describe());
    }
}
