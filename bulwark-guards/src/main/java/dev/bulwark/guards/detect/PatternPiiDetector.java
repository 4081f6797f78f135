package dev.bulwark.guards.detect;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * PII and secret detector built on patterns, validators (Luhn, mod-97, SSN allocation, libphonenumber), general word
 * lists and context words. Texts are matched in bounded, overlapping chunks after NFKC normalisation with invisible
 * characters removed; spans are reported in the original text. Overlapping findings are resolved in favour of the
 * higher score, then the longer span. Thread-safe.
 */
public final class PatternPiiDetector implements Detector {
    /** Characters before a chunk that recognizers may read for context and boundaries but not report in. */
    private static final int LOOKBACK = 256;
    /** Higher score first, then the longer span, then the earlier start. */
    private static final Comparator<Finding> PRECEDENCE = Comparator.comparingDouble(Finding::score).reversed()
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparingInt(Finding::start);
    private final PiiDetectorSettings settings;
    private final List<Recognizer> recognizers;

    public PatternPiiDetector(PiiDetectorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        WordLists words = WordLists.shared();
        this.recognizers = List.of(new SecretRecognizer(), new EmailRecognizer(), new NetworkRecognizer(),
                new FinancialRecognizer(), new DateRecognizer(), new PhoneRecognizer(settings.phoneRegions()),
                new AddressRecognizer(), new ProperNounRecognizer(words), new MiscRecognizer());
    }

    public PatternPiiDetector() {
        this(PiiDetectorSettings.defaults());
    }

    @Override
    public String name() {
        return "pii-patterns";
    }

    @Override
    public List<Finding> detect(String text) {
        Objects.requireNonNull(text, "text");
        List<Finding> candidates = new ArrayList<>();
        PemRecognizer.recognize(text, candidates);
        int size = settings.chunkSize();
        int overlap = settings.chunkOverlap();
        for (int core = 0; core < text.length() || core == 0; core += size) {
            int coreEnd = boundary(text, Math.min(text.length(), core + size));
            int windowEnd = boundary(text, Math.min(text.length(), coreEnd + overlap));
            int windowStart = boundary(text, Math.max(0, core - LOOKBACK));
            Candidates out = new Candidates(ScanText.of(text, windowStart, windowEnd), settings.maxFindings());
            for (Recognizer r : recognizers) {
                r.recognize(out.scanText(), out);
            }
            boolean last = coreEnd >= text.length();
            for (Finding f : out.all()) {
                if (f.start() >= core && (last || f.start() < coreEnd)) {
                    candidates.add(f);
                }
            }
            if (candidates.size() > settings.maxFindings()) {
                throw new DetectionLimitException("more than " + settings.maxFindings() + " findings in one text");
            }
            if (last) {
                break;
            }
        }
        return resolve(candidates);
    }

    /** Moves an index off the middle of a surrogate pair so chunks never split a character. */
    private static int boundary(String text, int i) {
        if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))
                && Character.isHighSurrogate(text.charAt(i - 1))) {
            return i + 1;
        }
        return i;
    }

    private List<Finding> resolve(List<Finding> candidates) {
        List<Finding> eligible = new ArrayList<>();
        for (Finding f : candidates) {
            if (f.score() >= settings.minScore() && f.length() > 0
                    && (settings.types().isEmpty() || settings.types().contains(f.type()))) {
                eligible.add(f);
            }
        }
        eligible.sort(PRECEDENCE);
        TreeMap<Integer, Finding> accepted = new TreeMap<>();
        for (Finding f : eligible) {
            Map.Entry<Integer, Finding> before = accepted.floorEntry(f.start());
            if (before != null && before.getValue().end() > f.start()) {
                continue;
            }
            Map.Entry<Integer, Finding> after = accepted.ceilingEntry(f.start());
            if (after != null && after.getKey() < f.end()) {
                continue;
            }
            accepted.put(f.start(), f);
        }
        return List.copyOf(accepted.values());
    }
}
