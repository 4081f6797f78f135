package dev.bulwark.guards.detect;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * PII and secret detector built on patterns, validators (Luhn, mod-97, SSN allocation, libphonenumber), general word
 * lists and context words. Texts are matched in bounded, overlapping chunks after NFKC normalisation with invisible
 * characters removed; spans are reported in the original text. Overlapping findings are resolved in favour of the
 * higher score, then the longer span. Thread-safe.
 */
public final class PatternPiiDetector implements Detector {
    /** Characters before a chunk that recognizers may read for context and boundaries but not report in. */
    private static final int LOOKBACK = 256;
    /**
     * Confident secrets first (a key that happens to hold a valid IBAN or phone number must be removed whole), then
     * the higher score, then the longer span, then the earlier start.
     */
    private static final Comparator<Finding> PRECEDENCE = (a, b) -> {
        int c = Boolean.compare(SecretShapes.confident(b), SecretShapes.confident(a));
        if (c == 0) {
            c = Double.compare(b.score(), a.score());
        }
        if (c == 0) {
            c = Integer.compare(b.length(), a.length());
        }
        return c != 0 ? c : Integer.compare(a.start(), b.start());
    };
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
        EncodedSecrets.recognize(text, candidates, DecodeBudget.standard(), 0);
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
        List<Finding> eligible = new ArrayList<>(candidates.size());
        for (Finding f : candidates) {
            if (f.score() >= settings.minScore() && f.length() > 0
                    && (settings.types().isEmpty() || settings.types().contains(f.type()))) {
                eligible.add(f);
            }
        }
        if (eligible.size() <= 1) {
            return List.copyOf(eligible);
        }
        eligible.sort(PRECEDENCE);
        // Accepted findings never overlap, so ordered by start they are also ordered by end.
        List<Finding> accepted = new ArrayList<>(eligible.size());
        for (Finding f : eligible) {
            int at = firstStartingAfter(accepted, f.start());
            boolean clearBefore = at == 0 || accepted.get(at - 1).end() <= f.start();
            boolean clearAfter = at == accepted.size() || accepted.get(at).start() >= f.end();
            if (clearBefore && clearAfter) {
                accepted.add(at, f);
            }
        }
        return List.copyOf(accepted);
    }

    /** Index of the first finding of {@code sorted} (by start) that starts after {@code start}. */
    private static int firstStartingAfter(List<Finding> sorted, int start) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).start() <= start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
