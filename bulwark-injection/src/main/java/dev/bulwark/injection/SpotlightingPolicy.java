package dev.bulwark.injection;

import java.util.Objects;
import java.util.Set;

/**
 * Configuration of {@link SpotlightingGuard}.
 *
 * @param mode          how outputs are marked
 * @param appliesTo     output labels that make a tool's output untrusted (any one suffices), e.g. {@code untrusted}
 * @param dataMarker    the character interleaved in DATAMARK mode; not whitespace, not a letter or digit
 */
public record SpotlightingPolicy(SpotlightMode mode, Set<String> appliesTo, char dataMarker) {
    public SpotlightingPolicy {
        Objects.requireNonNull(mode, "mode must not be null");
        appliesTo = Set.copyOf(Objects.requireNonNull(appliesTo, "appliesTo must not be null"));
        if (appliesTo.isEmpty() || appliesTo.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("appliesTo must name at least one non-blank label");
        }
        if (Character.isWhitespace(dataMarker) || Character.isLetterOrDigit(dataMarker)
                || Character.isISOControl(dataMarker) || Character.isSurrogate(dataMarker)) {
            throw new IllegalArgumentException("dataMarker must be a visible non-alphanumeric character");
        }
    }

    /** Delimit outputs of tools labelled {@code untrusted}; DATAMARK would use U+02C6 (ˆ) as in the paper. */
    public static SpotlightingPolicy defaults() {
        return new SpotlightingPolicy(SpotlightMode.DELIMIT, Set.of(InjectionGuard.LABEL_UNTRUSTED), '\u02C6');
    }

    public SpotlightingPolicy withMode(SpotlightMode newMode) {
        return new SpotlightingPolicy(newMode, appliesTo, dataMarker);
    }
}
