package dev.bulwark.connectors.mcp;

import java.time.Instant;
import java.util.Optional;

/** The rules that move a pin when a tool definition is seen upstream. */
final class Pinning {
    private Pinning() {}

    /**
     * The pin after seeing a definition with hash {@code seenHash}.
     * <ul>
     *   <li>first sight: approved under trust on first use, pending under manual pinning;</li>
     *   <li>approved and unchanged: unchanged;</li>
     *   <li>approved and changed: blocked, keeping the approved hash and recording what was seen;</li>
     *   <li>blocked, and the upstream went back to the approved definition: approved again;</li>
     *   <li>otherwise (blocked or pending): same status, with the latest definition recorded for review.</li>
     * </ul>
     */
    static ToolPin next(Optional<ToolPin> existing, String tool, UpstreamTool seen, String seenHash, PinningMode mode,
                        Instant now) {
        if (existing.isEmpty()) {
            return mode == PinningMode.TRUST_ON_FIRST_USE
                    ? new ToolPin(tool, PinStatus.APPROVED, Optional.of(seenHash), seenHash, seen.description(),
                            seen.inputSchema(), now)
                    : new ToolPin(tool, PinStatus.PENDING, Optional.empty(), seenHash, seen.description(),
                            seen.inputSchema(), now);
        }
        ToolPin pin = existing.get();
        if (pin.seenHash().equals(seenHash) && pin.seenDescription().equals(seen.description())
                && pin.seenInputSchema().equals(seen.inputSchema())) {
            return pin;
        }
        PinStatus status = switch (pin.status()) {
            case PENDING -> PinStatus.PENDING;
            case APPROVED, BLOCKED -> pin.approvedHash().get().equals(seenHash) ? PinStatus.APPROVED : PinStatus.BLOCKED;
        };
        return new ToolPin(tool, status, pin.approvedHash(), seenHash, seen.description(), seen.inputSchema(), now);
    }
}
