package dev.bulwark.server.config;

import java.util.Set;

/**
 * Prompt-injection screening of tool output and spotlighting of untrusted output. Detection is a layer, not the
 * defence: the flow rules that stop untrusted data from driving consequential actions are.
 *
 * @param enabled          whether output is screened (default true)
 * @param labelAt          score from which output is labelled {@code untrusted}/{@code suspicious} (default 0.3)
 * @param quarantineAt     score from which the offending spans are replaced by a marker (default 0.5)
 * @param blockAt          score from which the whole output is withheld (default 0.9)
 * @param trustedLinkHosts hosts that markdown/HTML links in output may point to with query strings
 * @param spotlighting     how output of tools labelled {@code untrusted} is marked: {@code delimit} (default),
 *                         {@code datamark}, {@code encode} or {@code off}
 */
public record InjectionSettings(Boolean enabled, Double labelAt, Double quarantineAt, Double blockAt,
                                Set<String> trustedLinkHosts, String spotlighting) {
    public InjectionSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        labelAt = labelAt == null ? 0.3 : labelAt;
        quarantineAt = quarantineAt == null ? 0.5 : quarantineAt;
        blockAt = blockAt == null ? 0.9 : blockAt;
        if (!(labelAt > 0 && labelAt <= quarantineAt && quarantineAt <= blockAt && blockAt <= 1)) {
            throw new IllegalArgumentException(
                    "guards.injection thresholds must satisfy 0 < labelAt <= quarantineAt <= blockAt <= 1");
        }
        trustedLinkHosts = trustedLinkHosts == null ? Set.of() : Set.copyOf(trustedLinkHosts);
        spotlighting = spotlighting == null ? "delimit" : spotlighting;
        if (!Set.of("delimit", "datamark", "encode", "off").contains(spotlighting)) {
            throw new IllegalArgumentException("guards.injection.spotlighting must be delimit, datamark, encode or off");
        }
    }

    public boolean on() {
        return enabled;
    }
}
