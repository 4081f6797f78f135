package dev.bulwark.injection;

import java.util.Objects;
import java.util.Set;

/**
 * Configuration of {@link SpotlightingGuard}.
 *
 * @param mode          how outputs are marked
 * @param appliesTo     output labels that make a tool's output untrusted (any one suffices), e.g. {@code untrusted}
 * @param dataMarker    the character interleaved in DATAMARK mode; visible, not a digit or ordinary letter (modifier letters such as ˆ are fine)
 */
public record SpotlightingPolicy(SpotlightMode mode, Set<String> appliesTo, char dataMarker) {
    public SpotlightingPolicy {
        Objects.requireNonNull(mode, "mode must not be null");
        appliesTo = Set.copyOf(Objects.requireNonNull(appliesTo, "appliesTo must not be null"));
        if (appliesTo.isEmpty() || appliesTo.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("appliesTo must name at least one non-blank label");
        }
        boolean ordinaryLetter = Character.isLetter(dataMarker)
                && Character.getType(dataMarker) != Character.MODIFIER_LETTER;
        if (Character.isWhitespace(dataMarker) || Character.isDigit(dataMarker) || ordinaryLetter
                || Character.isISOControl(dataMarker) || Character.isSurrogate(dataMarker)) {
            throw new IllegalArgumentException(
                    "dataMarker must be a visible character that is not a digit or an ordinary letter");
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
