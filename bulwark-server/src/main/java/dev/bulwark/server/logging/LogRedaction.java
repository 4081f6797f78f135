package dev.bulwark.server.logging;

import dev.bulwark.spi.guard.Redactor;
import java.util.Map;

/**
 * What every log format does to text that may quote an agent, a tool or an upstream (messages, exception messages,
 * context values): cut to a bound, then passed through the audit redactor. A redactor that fails never lets the raw
 * text through.
 */
final class LogRedaction {
    /** Characters of a message kept (before redaction); the rest is replaced by a note of how much was cut. */
    static final int MAX_MESSAGE = 4_000;
    static final String UNRECORDABLE = "[unrecordable]";

    private LogRedaction() {}

    /** {@code text} cut to {@code max} characters and redacted; {@code ""} for {@code null}. */
    static String redacted(Redactor redactor, String text, int max) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > max
                ? text.substring(0, max) + " …[" + (text.length() - max) + " characters cut]"
                : text;
        try {
            Object value = redactor.redact(Map.of("text", cut)).get("text");
            return value instanceof String s ? s : UNRECORDABLE;
        } catch (RuntimeException e) {
            return UNRECORDABLE;
        }
    }

    /** {@code value} cut to {@code max} characters; {@code ""} for {@code null}. */
    static String cut(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() > max ? value.substring(0, max) : value;
    }
}
