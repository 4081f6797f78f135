package dev.bulwark.guards.action;

import dev.bulwark.guards.detect.SecretDetector;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Screens tool output for PII and secrets with the {@link Destination#TOOL_OUTPUT} rules: blocks when a finding's
 * action is BLOCK, rewrites (labels {@code pii}, and {@code secret} for credentials) when anything was found, passes
 * otherwise. Text content and textual blobs (text/*, JSON, XML, YAML, CSV) are screened; other blobs (images, audio)
 * pass unchanged unless they hold a secret ({@link SecretDetector#secretInBytes}), which blocks. Personal data inside
 * the {@linkplain Content.Text#governed() governed ranges} of a text is left as the data policy decided; secrets are
 * acted on there too. Any internal failure, including a blob that is not valid base64 or a textual blob that is not
 * UTF-8, blocks.
 */
public final class PiiGuard implements OutputGuard {
    public static final String LABEL_PII = "pii";
    public static final String LABEL_SECRET = "secret";

    private static final SecretDetector SECRETS = new SecretDetector();
    private final PiiRedactor redactor;

    public PiiGuard(PiiRedactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public String name() {
        return "pii";
    }

    @Override
    public Screening screen(ToolCall call, ToolResult result) {
        try {
            return screenOrThrow(call, result);
        } catch (RuntimeException e) {
            return new Screening.Block("PII guard failed (" + e.getClass().getSimpleName() + "); output withheld");
        }
    }

    private Screening screenOrThrow(ToolCall call, ToolResult result) {
        List<Content> rewritten = new ArrayList<>(result.content().size());
        Map<String, Integer> counts = new TreeMap<>();
        Set<String> blocked = new LinkedHashSet<>();
        boolean changed = false;
        for (Content c : result.content()) {
            if (c instanceof Content.Text t) {
                // Ranges a data policy decided (governed SQL columns) keep their values; secrets are still redacted.
                Redaction r = redactor.redact(t.text(), Destination.TOOL_OUTPUT, call.sessionId(), t.governed());
                tally(r, counts, blocked);
                changed |= r.changed();
                rewritten.add(r.changed() ? new Content.Text(r.text()) : c);
            } else if (c instanceof Content.Blob b && textual(b.mimeType())) {
                Redaction r = redactor.redact(decode(b.base64Data()), Destination.TOOL_OUTPUT, call.sessionId());
                tally(r, counts, blocked);
                changed |= r.changed();
                rewritten.add(r.changed() ? new Content.Blob(b.mimeType(),
                        Base64.getEncoder().encodeToString(r.text().getBytes(StandardCharsets.UTF_8))) : c);
            } else {
                if (c instanceof Content.Blob b) {
                    // Binary content cannot be partly redacted: a secret in it (a key file, a key behind an image
                    // header) withholds the output. Content that is not base64 cannot be screened and is refused.
                    SECRETS.secretInBytes(Base64.getMimeDecoder().decode(b.base64Data()))
                            .filter(type -> redactor.actionFor(Destination.TOOL_OUTPUT, type) != PiiAction.ALLOW)
                            .ifPresent(blocked::add);
                }
                rewritten.add(c);
            }
        }
        if (!blocked.isEmpty()) {
            return new Screening.Block("tool output contains " + String.join(", ", blocked)
                    + ", which policy does not let through");
        }
        if (counts.isEmpty()) {
            return new Screening.Pass();
        }
        Set<String> labels = new LinkedHashSet<>();
        labels.add(LABEL_PII);
        for (String type : counts.keySet()) {
            if (PiiTypes.SECRETS.contains(type)) {
                labels.add(LABEL_SECRET);
            }
        }
        List<String> reasons = new ArrayList<>();
        String prefix = changed ? "pii: " : "pii (allowed): ";
        counts.forEach((type, n) -> reasons.add(prefix + n + " " + type));
        ToolResult out = changed ? new ToolResult(rewritten, result.error()) : result;
        return new Screening.Rewrite(out, reasons, labels);
    }

    private static void tally(Redaction r, Map<String, Integer> counts, Set<String> blocked) {
        for (Redaction.Applied a : r.applied()) {
            if (PiiTypes.counts(a)) {
                counts.merge(a.type(), 1, Integer::sum);
            }
        }
        blocked.addAll(r.blockedTypes());
    }

    static boolean textual(String mimeType) {
        String m = mimeType.toLowerCase(Locale.ROOT);
        return m.startsWith("text/") || m.contains("json") || m.contains("xml") || m.contains("yaml")
                || m.contains("csv") || m.contains("javascript");
    }

    /** Strict decoding: a textual blob that is not base64 of UTF-8 cannot be screened, so it is refused. */
    private static String decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("textual blob is not valid base64", e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("textual blob is not valid UTF-8", e);
        }
    }
}
