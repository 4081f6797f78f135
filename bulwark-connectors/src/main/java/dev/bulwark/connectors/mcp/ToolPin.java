package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pin of one upstream tool: the hash of the definition an administrator (or first use) approved, and what was
 * last seen upstream, kept for review.
 *
 * @param tool            the namespaced tool name, {@code connector.tool}
 * @param status          approved, pending or blocked
 * @param approvedHash    hex SHA-256 of the approved definition; empty while never approved
 * @param seenHash        hex SHA-256 of the definition last seen upstream
 * @param seenDescription the description last seen upstream, for review before approval
 * @param seenInputSchema the input schema last seen upstream, canonical JSON text
 * @param updatedAt       when this pin last changed
 */
public record ToolPin(String tool, PinStatus status, Optional<String> approvedHash, String seenHash,
                      String seenDescription, String seenInputSchema, Instant updatedAt) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public ToolPin {
        Checks.nonBlank(tool, "tool");
        if (tool.indexOf('.') < 1) {
            throw new IllegalArgumentException("pinned tool name must be namespaced like 'connector.tool': " + tool);
        }
        Checks.present(status, "status");
        Checks.present(approvedHash, "approvedHash");
        approvedHash.ifPresent(hash -> requireHash(hash, "approvedHash"));
        requireHash(seenHash, "seenHash");
        Checks.present(seenDescription, "seenDescription");
        Checks.nonBlank(seenInputSchema, "seenInputSchema");
        Checks.present(updatedAt, "updatedAt");
        switch (status) {
            case APPROVED -> {
                if (!approvedHash.equals(Optional.of(seenHash))) {
                    throw new IllegalArgumentException("an approved pin's approvedHash must equal its seenHash");
                }
            }
            case PENDING -> {
                if (approvedHash.isPresent()) {
                    throw new IllegalArgumentException("a pending pin has never been approved");
                }
            }
            case BLOCKED -> {
                if (approvedHash.isEmpty() || approvedHash.get().equals(seenHash)) {
                    throw new IllegalArgumentException("a blocked pin has an approved hash that differs from seenHash");
                }
            }
        }
    }

    /** The connector part of the tool name. */
    public String connector() {
        return tool.substring(0, tool.indexOf('.'));
    }

    /** Whether calls may go through: approved, and the approved definition is the one seen. */
    public boolean allows(String definitionHash) {
        return status == PinStatus.APPROVED && approvedHash.get().equals(definitionHash);
    }

    /** This pin with the definition last seen approved. */
    public ToolPin approved(Instant now) {
        return new ToolPin(tool, PinStatus.APPROVED, Optional.of(seenHash), seenHash, seenDescription,
                seenInputSchema, now);
    }

    private static void requireHash(String hash, String field) {
        Checks.present(hash, field);
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lower-case hex digits");
        }
    }
}
