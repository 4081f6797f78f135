package dev.bulwark.spi.tool;

import java.util.List;
import java.util.Set;

/**
 * MCP annotations of a content block, passed on as the tool gave them. They are hints for the client (who the block
 * is for, how important it is, when it changed), never trusted by Bulwark.
 *
 * @param audience     {@code user} and/or {@code assistant}, in the tool's order; empty when not given
 * @param priority     0 (least) to 1 (most important), or {@code null}
 * @param lastModified an ISO 8601 time as the tool wrote it (at most {@link #MAX_TIME_CHARS} printable characters),
 *                     or {@code null}
 */
public record ContentAnnotations(List<String> audience, Double priority, String lastModified) {
    public static final int MAX_TIME_CHARS = 64;
    private static final Set<String> ROLES = Set.of("user", "assistant");

    public ContentAnnotations {
        audience = List.copyOf(audience == null ? List.of() : audience);
        if (!ROLES.containsAll(audience) || audience.size() > ROLES.size()) {
            throw new IllegalArgumentException("audience must name user and/or assistant");
        }
        if (priority != null && !(priority >= 0 && priority <= 1)) {
            throw new IllegalArgumentException("priority must be within [0, 1]");
        }
        if (lastModified != null && (lastModified.isEmpty() || lastModified.length() > MAX_TIME_CHARS
                || lastModified.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw new IllegalArgumentException("lastModified must be 1.." + MAX_TIME_CHARS + " printable ASCII characters");
        }
    }
}
