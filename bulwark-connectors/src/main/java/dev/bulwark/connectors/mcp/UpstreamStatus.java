package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of an upstream as of its last refresh, for the admin API.
 *
 * @param connected whether the upstream answered the last refresh
 * @param problem   why the last refresh failed, safe to show an administrator
 * @param offered   how many tools are offered (approved and unchanged)
 * @param withheld  how many tools seen upstream are not offered (pending or blocked)
 * @param warnings  upstream tools dropped because their names could not be made valid, and similar
 * @param checkedAt when the last refresh ran
 */
public record UpstreamStatus(boolean connected, Optional<String> problem, int offered, int withheld,
                             List<String> warnings, Instant checkedAt) {
    public UpstreamStatus {
        Checks.present(problem, "problem");
        if (offered < 0 || withheld < 0) {
            throw new IllegalArgumentException("tool counts must be >= 0");
        }
        warnings = List.copyOf(Checks.present(warnings, "warnings"));
        Checks.present(checkedAt, "checkedAt");
    }
}
