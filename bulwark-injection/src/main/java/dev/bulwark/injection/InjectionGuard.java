package dev.bulwark.injection;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Screens tool output for injected instructions and acts by score as its {@link InjectionPolicy} says: pass, label
 * ({@code untrusted}, {@code suspicious}), quarantine the offending spans, or block. Text parts and textual blobs are
 * screened; binary blobs (images, audio) pass unchanged. Fails closed: if the detector throws, returns nonsense or the
 * output is too large to screen, the output is blocked. Every action other than pass labels the session.
 */
public final class InjectionGuard implements OutputGuard {
    public static final String LABEL_UNTRUSTED = "untrusted";
    public static final String LABEL_SUSPICIOUS = "suspicious";
    /**
     * What labelled, quarantined and blocked output give the session. Blocked output labels it too: the agent did not
     * read it, but the session's tool returned an injection attempt (or output that could not be screened), so its
     * later writes are decided as after untrusted input.
     */
    private static final Set<String> LABELS = Set.of(LABEL_UNTRUSTED, LABEL_SUSPICIOUS);

    private final Detector detector;
    private final InjectionPolicy policy;

    public InjectionGuard(Detector detector, InjectionPolicy policy) {
        this.detector = Objects.requireNonNull(detector, "detector must not be null");
        this.policy = Objects.requireNonNull(policy, "policy must not be null");
    }

    /** The heuristic detector with default settings, under {@code policy}. */
    public static InjectionGuard heuristic(InjectionPolicy policy) {
        return new InjectionGuard(HeuristicInjectionDetector.withDefaults(), policy);
    }

    @Override
    public String name() {
        return "prompt-injection";
    }

    @Override
    public Screening screen(ToolCall call, ToolResult result) {
        try {
            return decide(result);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError failure) {
            return new Screening.Block("prompt-injection screening failed (" + failure.getClass().getSimpleName()
                    + "); output withheld", LABELS);
        }
    }

    private Screening decide(ToolResult result) {
        List<Content> screened = new ArrayList<>(result.content().size());
        List<String> reasons = new ArrayList<>();
        double highest = 0;
        boolean changed = false;
        for (Content part : result.content()) {
            String text = textOf(part);
            if (text == null) {
                screened.add(part);
                continue;
            }
            if (text.length() > policy.maxScreenedChars()) {
                return new Screening.Block("tool output too large to screen for prompt injection (" + text.length()
                        + " characters, limit " + policy.maxScreenedChars() + ")", LABELS);
            }
            InjectionVerdict verdict = verdictOn(text);
            highest = Math.max(highest, verdict.score());
            if (verdict.score() >= policy.labelAt()) {
                reasons.add(describe(verdict));
            }
            if (verdict.score() >= policy.quarantineAt() && verdict.score() < policy.blockAt()) {
                String cleaned = Quarantine.apply(text, verdict.reasons(), policy.quarantineMarker());
                screened.add(withText(part, cleaned));
                changed = true;
            } else {
                screened.add(part);
            }
        }
        if (highest >= policy.blockAt()) {
            return new Screening.Block("suspected prompt injection in tool output: " + String.join("; ", reasons),
                    LABELS);
        }
        if (highest < policy.labelAt()) {
            return new Screening.Pass();
        }
        ToolResult delivered = changed ? new ToolResult(screened, result.error()) : result;
        return new Screening.Rewrite(delivered, reasons, LABELS);
    }

    private InjectionVerdict verdictOn(String text) {
        List<Finding> findings = detector.detect(text);
        if (findings == null) {
            throw new IllegalStateException("detector " + detector.name() + " returned no findings list");
        }
        for (Finding f : findings) {
            if (f.end() > text.length()) {
                throw new IllegalStateException("detector " + detector.name() + " reported a span outside the text");
            }
        }
        return InjectionVerdict.of(findings);
    }

    private static String describe(InjectionVerdict verdict) {
        Set<String> rules = new LinkedHashSet<>();
        for (Finding f : verdict.reasons()) {
            if (rules.size() < 8) {
                rules.add(f.type() + " " + f.detector().substring(f.detector().indexOf('/') + 1));
            }
        }
        return String.format(Locale.ROOT, "prompt injection score %.2f (%s)", verdict.score(),
                String.join(", ", rules));
    }

    /** The text a model would read from this part, or null for binary content. */
    private String textOf(Content part) {
        return switch (part) {
            case Content.Text t -> t.text();
            case Content.Blob b -> textual(b.mimeType()) ? decodedText(b) : null;
        };
    }

    private String decodedText(Content.Blob blob) {
        if (blob.base64Data().length() / 4L * 3 > policy.maxScreenedChars() * 4L) {
            throw new IllegalArgumentException("textual blob too large to screen");
        }
        return new String(Base64.getMimeDecoder().decode(blob.base64Data()), StandardCharsets.UTF_8);
    }

    private static Content withText(Content original, String text) {
        return switch (original) {
            case Content.Text t -> new Content.Text(text);
            case Content.Blob b -> new Content.Blob(b.mimeType(),
                    Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        };
    }

    static boolean textual(String mimeType) {
        String m = mimeType.toLowerCase(Locale.ROOT);
        return m.startsWith("text/") || m.contains("json") || m.contains("xml") || m.contains("yaml")
                || m.contains("javascript") || m.contains("csv") || m.contains("markdown");
    }
}
