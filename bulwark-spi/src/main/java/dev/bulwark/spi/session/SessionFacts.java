package dev.bulwark.spi.session;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A snapshot of one session, taken when a call is decided.
 *
 * @param id          session id
 * @param startedAt   when the session began
 * @param callCount   calls made before this one
 * @param labelsSeen  labels of all data the session has received (e.g. {@code untrusted}, {@code pii})
 * @param recentTools names of the most recent tools called, oldest first
 * @param risk        accumulated risk score, 0 or more
 */
public record SessionFacts(String id, Instant startedAt, int callCount, Set<String> labelsSeen,
                           List<String> recentTools, double risk) {
    public SessionFacts {
        Checks.nonBlank(id, "session id");
        Checks.present(startedAt, "startedAt");
        if (callCount < 0) {
            throw new IllegalArgumentException("callCount must be >= 0");
        }
        labelsSeen = Set.copyOf(Checks.present(labelsSeen, "labelsSeen"));
        recentTools = List.copyOf(Checks.present(recentTools, "recentTools"));
        if (!(risk >= 0)) {
            throw new IllegalArgumentException("risk must be >= 0");
        }
    }

    public static SessionFacts fresh(String id, Instant now) {
        return new SessionFacts(id, now, 0, Set.of(), List.of(), 0);
    }
}
