package dev.bulwark.injection;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Limits and allow-lists of the heuristic detector.
 *
 * @param trustedLinkHosts       hosts (and their subdomains) that links and images may point to with query strings
 * @param windowChars            text is scanned in windows of this many characters, so regex work and memory per
 *                               step stay bounded whatever the input size
 * @param windowOverlap          characters shared by neighbouring windows, longer than any single rule match
 * @param maxDecodeDepth         how many layers of encoding are peeled (0 to 2)
 * @param maxDecodesPerWindow    encoded candidates decoded per window; more than that is itself reported
 * @param maxDecodedCharsPerWindow characters decoded per window, across all candidates
 */
public record DetectionSettings(Set<String> trustedLinkHosts, int windowChars, int windowOverlap, int maxDecodeDepth,
                                int maxDecodesPerWindow, int maxDecodedCharsPerWindow) {
    public DetectionSettings {
        trustedLinkHosts = trustedLinkHosts.stream()
                .map(h -> {
                    String host = h.strip().toLowerCase(Locale.ROOT);
                    if (host.isEmpty() || host.contains("/") || host.contains(" ")) {
                        throw new IllegalArgumentException("trusted link host must be a bare host name: '" + h + "'");
                    }
                    return host;
                })
                .collect(Collectors.toUnmodifiableSet());
        if (windowChars < 1024 || windowChars > 1 << 20) {
            throw new IllegalArgumentException("windowChars must be within [1024, 1048576]: " + windowChars);
        }
        if (windowOverlap < 256 || windowOverlap > windowChars / 2) {
            throw new IllegalArgumentException("windowOverlap must be within [256, windowChars / 2]: " + windowOverlap);
        }
        if (maxDecodeDepth < 0 || maxDecodeDepth > 2) {
            throw new IllegalArgumentException("maxDecodeDepth must be within [0, 2]: " + maxDecodeDepth);
        }
        if (maxDecodesPerWindow < 0 || maxDecodesPerWindow > 1024) {
            throw new IllegalArgumentException("maxDecodesPerWindow must be within [0, 1024]: " + maxDecodesPerWindow);
        }
        if (maxDecodedCharsPerWindow < 0 || maxDecodedCharsPerWindow > 1 << 22) {
            throw new IllegalArgumentException(
                    "maxDecodedCharsPerWindow must be within [0, 4194304]: " + maxDecodedCharsPerWindow);
        }
    }

    public static DetectionSettings defaults() {
        return new DetectionSettings(Set.of(), 8192, 512, 2, 32, 49_152);
    }

    public DetectionSettings withTrustedLinkHosts(Set<String> hosts) {
        return new DetectionSettings(hosts, windowChars, windowOverlap, maxDecodeDepth, maxDecodesPerWindow,
                maxDecodedCharsPerWindow);
    }

    /** Whether {@code host} is a trusted host or a subdomain of one. */
    public boolean trusts(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String trusted : trustedLinkHosts) {
            if (h.equals(trusted) || h.endsWith("." + trusted)) {
                return true;
            }
        }
        return false;
    }
}
