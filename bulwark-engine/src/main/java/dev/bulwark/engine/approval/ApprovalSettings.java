package dev.bulwark.engine.approval;

import dev.bulwark.spi.Checks;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the approval step behaves.
 *
 * @param ttl          how long a request may wait for a decision, and an approval for its use
 * @param waitFor      how long a paused call holds the agent's request open, sending progress, before answering
 *                     pending; zero answers pending at once
 * @param pollInterval how often a waiting call looks for a decision
 * @param fourEyes     tool name patterns ({@code *} matches any run of characters) needing two distinct approvers
 */
public record ApprovalSettings(Duration ttl, Duration waitFor, Duration pollInterval, List<String> fourEyes) {
    public static final Duration MAX_WAIT = Duration.ofMinutes(2);
    public static final ApprovalSettings DEFAULT = new ApprovalSettings(Duration.ofMinutes(15), Duration.ofSeconds(5),
            Duration.ofMillis(500), List.of());

    public ApprovalSettings {
        Checks.present(ttl, "ttl");
        Checks.present(waitFor, "waitFor");
        Checks.present(pollInterval, "pollInterval");
        if (ttl.compareTo(Duration.ofSeconds(10)) < 0 || ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("approval ttl must be between 10 seconds and 7 days");
        }
        if (waitFor.isNegative() || waitFor.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("approval wait must be between 0 and " + MAX_WAIT.toSeconds() + "s");
        }
        if (pollInterval.compareTo(Duration.ofMillis(50)) < 0) {
            throw new IllegalArgumentException("approval pollInterval must be at least 50ms");
        }
        fourEyes = List.copyOf(Checks.present(fourEyes, "fourEyes"));
        fourEyes.forEach(p -> Checks.nonBlank(p, "fourEyes pattern"));
    }

    /** 2 when the tool matches a four-eyes pattern, else 1. */
    public int requiredApprovals(String tool) {
        for (String pattern : fourEyes) {
            if (glob(pattern).matcher(tool).matches()) {
                return 2;
            }
        }
        return 1;
    }

    private static Pattern glob(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
