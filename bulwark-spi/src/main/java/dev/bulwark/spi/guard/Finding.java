package dev.bulwark.spi.guard;

import dev.bulwark.spi.Checks;

/**
 * Something a detector found in a text: a type (e.g. {@code EMAIL_ADDRESS}, {@code API_KEY},
 * {@code PROMPT_INJECTION}), the half-open character span {@code [start, end)} and a confidence score in [0, 1].
 *
 * @param type     what was found, upper-case with underscores
 * @param start    first character (UTF-16 index), inclusive
 * @param end      last character, exclusive
 * @param score    confidence, 0 to 1
 * @param detector which detector or recognizer found it, for explanations
 */
public record Finding(String type, int start, int end, double score, String detector) {
    public Finding {
        Checks.nonBlank(type, "type");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start <= end: " + start + ".." + end);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be within [0, 1]: " + score);
        }
        Checks.nonBlank(detector, "detector");
    }

    public int length() {
        return end - start;
    }
}
