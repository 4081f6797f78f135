package dev.bulwark.connectors.mcp;

import java.util.Optional;
import java.util.regex.Pattern;

/** Turns upstream tool names into names valid inside a Bulwark namespace. */
final class ToolNames {
    static final int MAX_LENGTH = 64;
    private static final Pattern INVALID = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Pattern HAS_LETTER_OR_DIGIT = Pattern.compile(".*[A-Za-z0-9].*");

    private ToolNames() {}

    /**
     * The local name of an upstream tool: every character outside {@code [A-Za-z0-9_-]} (dots included) becomes
     * {@code _}. Empty when the name cannot be made valid: blank, longer than 64 characters, or without any letter or
     * digit. Names are not shortened, since shortening would make unrelated tools collide.
     */
    static Optional<String> localName(String upstreamName) {
        if (upstreamName == null || upstreamName.isEmpty() || upstreamName.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String local = INVALID.matcher(upstreamName).replaceAll("_");
        return HAS_LETTER_OR_DIGIT.matcher(local).matches() ? Optional.of(local) : Optional.empty();
    }
}
