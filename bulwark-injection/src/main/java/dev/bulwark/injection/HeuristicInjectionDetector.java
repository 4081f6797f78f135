package dev.bulwark.injection;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds instructions hidden in content an agent will read, with hand-written rules: attack phrasing in eleven
 * languages, role and turn markers, fake tool calls, invisible text, encoded payloads that decode to instructions
 * (re-scanned up to {@link DetectionSettings#maxDecodeDepth()} layers deep), exfiltration links, text concealed in
 * markup (comments, alt text, titles) and instructions that name one of the gateway's own tools. Text is folded
 * before matching ({@link NormalizedText}: NFKC, invisible characters, confusables, HTML references) and read again
 * de-obfuscated where it shows spaced-out letters, leetspeak, markup inside words or zero-width word separators.
 *
 * <p>Text is scanned in overlapping windows of bounded size, every pattern uses bounded repetition and decoding has a
 * per-window budget, so the cost is linear in the input and no input can make one step run away. Thread-safe.
 */
public final class HeuristicInjectionDetector implements Detector {
    private static final int MATCHES_PER_RULE_PER_WINDOW = 4;
    private static final double ENCODED_MIN_SCORE = 0.35;
    private static final double ENCODING_BONUS = 0.15;

    private static final double CONCEALED_BONUS = 0.2;
    private static final double OBFUSCATION_SCORE = 0.3;

    private final DetectionSettings settings;
    private final CompiledRules rules;
    private final CompiledRules rot13Rules;
    private final CompiledRules compactRules;
    private final Supplier<? extends Collection<String>> toolNames;
    private volatile ToolMentions mentions = ToolMentions.NONE;

    /** A detector that knows no tool names (mentions of the gateway's tools are then not recognised). */
    public HeuristicInjectionDetector(DetectionSettings settings) {
        this(settings, Set::of);
    }

    /**
     * @param toolNames the gateway's current tool names, asked once per screened text (tools change when upstreams
     *                  refresh); text that names one of them together with an imperative or an address to the
     *                  assistant counts as an instruction. If the supplier throws, screening fails (and the guard
     *                  withholds the output).
     */
    public HeuristicInjectionDetector(DetectionSettings settings, Supplier<? extends Collection<String>> toolNames) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.toolNames = Objects.requireNonNull(toolNames, "toolNames must not be null");
        List<PatternRule> all = new ArrayList<>();
        all.addAll(EnglishPhrases.rules());
        all.addAll(AuthorityPhrases.rules());
        all.addAll(EuropeanPhrases.rules());
        all.addAll(AsianAndCyrillicPhrases.rules());
        all.addAll(MarkupRules.rules());
        this.rules = new CompiledRules(all);
        this.rot13Rules = new CompiledRules(EnglishPhrases.rules().stream().filter(r -> r.weight() >= 0.45).toList());
        this.compactRules = new CompiledRules(CompactPhrases.rules());
    }

    public static HeuristicInjectionDetector withDefaults() {
        return new HeuristicInjectionDetector(DetectionSettings.defaults());
    }

    @Override
    public String name() {
        return FindingSink.DETECTOR;
    }

    @Override
    public List<Finding> detect(String text) {
        return assess(text).reasons();
    }

    /** Scores {@code text}: 0 when nothing was found, towards 1 as independent evidence accumulates. */
    public InjectionVerdict assess(String text) {
        Objects.requireNonNull(text, "text must not be null");
        FindingSink sink = new FindingSink();
        scan(text, 0, null, currentMentions(), sink);
        return InjectionVerdict.of(sink.findings());
    }

    private ToolMentions currentMentions() {
        Collection<String> names = toolNames.get();
        if (names == null) {
            throw new IllegalStateException("the tool-name supplier returned null");
        }
        ToolMentions current = ToolMentions.of(names, mentions);
        mentions = current;
        return current;
    }

    private void scan(String text, int depth, Budget inherited, ToolMentions tools, FindingSink sink) {
        int length = text.length();
        int from = 0;
        while (from < length) {
            int to = Math.min(length, from + settings.windowChars());
            if (to < length && Character.isHighSurrogate(text.charAt(to - 1))) {
                to--;
            }
            Budget budget = inherited != null ? inherited : new Budget(settings);
            scanWindow(text, from, to, depth, budget, tools, sink);
            if (to == length) {
                break;
            }
            int next = to - settings.windowOverlap();
            if (Character.isLowSurrogate(text.charAt(next))) {
                next--;
            }
            from = next;
        }
    }

    private void scanWindow(String text, int from, int to, int depth, Budget budget, ToolMentions tools,
                            FindingSink sink) {
        NormalizedText window = NormalizedText.of(text, from, to);
        rules.run(window.text, window, sink, MATCHES_PER_RULE_PER_WINDOW);
        tools.scan(window, sink);
        readObfuscated(text, from, to, window, tools, sink);
        boolean decode = depth < settings.maxDecodeDepth();
        HiddenText.scan(text, from, to, sink, (start, end, payload, signal, base, rule) -> {
            double inner = decode && budget.spend(payload.length()) ? innerScore(payload, depth, budget, tools) : 0;
            double score = inner >= ENCODED_MIN_SCORE ? Math.max(base, inner + ENCODING_BONUS) : base;
            sink.add(signal, start, end, score, rule);
        });
        if (decode) {
            ConcealedText.scan(text, from, to, (start, end, piece, kind) -> {
                double inner = budget.spend(piece.length()) ? innerScore(piece, depth, budget, tools) : 0;
                if (inner >= ENCODED_MIN_SCORE) {
                    sink.add(InjectionSignal.HIDDEN_TEXT, start, end, inner + CONCEALED_BONUS,
                            "hidden.concealed-" + kind);
                }
            });
        }
        ExfiltrationLinks.scan(text, from, to, settings, sink);
        MarkupRules.scanCaseSensitive(text, from, to, sink);
        if (!decode) {
            return;
        }
        rot13(window, tools, sink);
        EncodedPayloads.scan(text, from, to, (start, end, decoded, kind) -> {
            if (!budget.spend(decoded.length())) {
                sink.add(InjectionSignal.ENCODED_INSTRUCTION, start, end, 0.3, "encoded.budget-exhausted");
                return false;
            }
            double inner = innerScore(decoded, depth, budget, tools);
            if (inner >= ENCODED_MIN_SCORE) {
                sink.add(InjectionSignal.ENCODED_INSTRUCTION, start, end, inner + ENCODING_BONUS, "encoded." + kind);
            }
            return true;
        });
    }

    private double innerScore(String decoded, int depth, Budget budget, ToolMentions tools) {
        FindingSink inner = new FindingSink();
        scan(decoded, depth + 1, budget, tools, inner);
        return InjectionVerdict.of(inner.findings()).score();
    }

    /**
     * Runs the rules on the obfuscated readings of the window. A phrase that only the de-obfuscated text shows is
     * also evidence of evasion in itself.
     */
    private void readObfuscated(String text, int from, int to, NormalizedText window, ToolMentions tools,
                                FindingSink sink) {
        ObfuscatedViews.Readings readings = ObfuscatedViews.of(text, from, to, window);
        if (readings.views().isEmpty() && readings.compact() == null) {
            return;
        }
        Set<String> plainRules = new HashSet<>();
        sink.findings().forEach(f -> plainRules.add(f.detector()));
        FindingSink found = new FindingSink();
        for (NormalizedText view : readings.views()) {
            rules.run(view.text, view, found, MATCHES_PER_RULE_PER_WINDOW);
            tools.scan(view, found);
        }
        if (readings.compact() != null) {
            compactRules.run(readings.compact().text, readings.compact(), found, MATCHES_PER_RULE_PER_WINDOW);
        }
        for (Finding f : found.findings()) {
            String rule = f.detector().substring(f.detector().indexOf('/') + 1);
            sink.add(InjectionSignal.valueOf(f.type()), f.start(), f.end(), f.score(), rule);
            if (f.score() >= 0.45 && !plainRules.contains(f.detector())) {
                sink.add(InjectionSignal.HIDDEN_TEXT, f.start(), f.end(), OBFUSCATION_SCORE,
                        "hidden.obfuscated-phrase");
            }
        }
    }

    /**
     * Runs the strongest English rules and the tool-mention rule on the rot13 of the window: rot13 maps letters only,
     * so spans line up.
     */
    private void rot13(NormalizedText window, ToolMentions tools, FindingSink sink) {
        String folded = window.text;
        char[] rotated = new char[folded.length()];
        for (int i = 0; i < rotated.length; i++) {
            char c = folded.charAt(i);
            rotated[i] = c >= 'a' && c <= 'z' ? (char) ('a' + (c - 'a' + 13) % 26) : c;
        }
        FindingSink decoded = new FindingSink();
        String rotatedText = new String(rotated);
        rot13Rules.run(rotatedText, window, decoded, 1);
        tools.scan(window.withText(rotatedText), decoded);
        List<Finding> found = decoded.findings();
        if (found.isEmpty()) {
            return;
        }
        double score = InjectionVerdict.of(found).score();
        if (score >= ENCODED_MIN_SCORE) {
            int start = found.stream().mapToInt(Finding::start).min().orElseThrow();
            int end = found.stream().mapToInt(Finding::end).max().orElseThrow();
            sink.add(InjectionSignal.ENCODED_INSTRUCTION, start, end, score + ENCODING_BONUS, "encoded.rot13");
        }
    }

    /** Decode allowance of one top-level window, shared by every layer decoded inside it. */
    private static final class Budget {
        private int decodes;
        private int chars;

        Budget(DetectionSettings settings) {
            this.decodes = settings.maxDecodesPerWindow();
            this.chars = settings.maxDecodedCharsPerWindow();
        }

        boolean spend(int decodedChars) {
            if (decodes <= 0 || chars < decodedChars) {
                decodes = 0;
                return false;
            }
            decodes--;
            chars -= decodedChars;
            return true;
        }
    }
}
