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
     * The {@code execution} seen is recorded with the definition; the approved one is kept beside it, so a review
     * shows both.
     */
    static ToolPin next(Optional<ToolPin> existing, String tool, UpstreamTool seen, String seenHash, PinningMode mode,
                        Instant now) {
        String execution = execution(seen);
        if (existing.isEmpty()) {
            return mode == PinningMode.TRUST_ON_FIRST_USE
                    ? new ToolPin(tool, PinStatus.APPROVED, Optional.of(seenHash), seenHash, seen.description(),
                            seen.inputSchema(), execution, execution, now)
                    : new ToolPin(tool, PinStatus.PENDING, Optional.empty(), seenHash, seen.description(),
                            seen.inputSchema(), execution, null, now);
        }
        ToolPin pin = existing.get();
        if (pin.seenHash().equals(seenHash) && pin.seenDescription().equals(seen.description())
                && pin.seenInputSchema().equals(seen.inputSchema())
                && java.util.Objects.equals(pin.seenExecution(), execution)) {
            return pin;
        }
        PinStatus status = switch (pin.status()) {
            case PENDING -> PinStatus.PENDING;
            case APPROVED, BLOCKED -> pin.approvedHash().get().equals(seenHash) ? PinStatus.APPROVED : PinStatus.BLOCKED;
        };
        // back at the approved definition, what is seen is what was approved (also for pins that predate the field)
        String approvedExecution = status == PinStatus.APPROVED ? execution : pin.approvedExecution();
        return new ToolPin(tool, status, pin.approvedHash(), seenHash, seen.description(), seen.inputSchema(),
                execution, approvedExecution, now);
    }

    /** The tool's {@code execution} as pins keep it: canonical JSON text, {@code null} when it declared none. */
    static String execution(UpstreamTool tool) {
        return tool.details().execution() == null ? null
                : dev.bulwark.connectors.Json.canonical(tool.details().execution().wire());
    }
}
