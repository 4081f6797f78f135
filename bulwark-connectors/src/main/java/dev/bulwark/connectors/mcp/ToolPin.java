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
 * @param seenExecution   the {@code execution} (task support) last seen upstream, canonical JSON text, or
 *                        {@code null} when it declared none
 * @param approvedExecution the {@code execution} of the approved definition, canonical JSON text, or {@code null}
 *                        when it declared none, when never approved, or when approved before pins kept it
 * @param updatedAt       when this pin last changed
 */
public record ToolPin(String tool, PinStatus status, Optional<String> approvedHash, String seenHash,
                      String seenDescription, String seenInputSchema, String seenExecution, String approvedExecution,
                      Instant updatedAt) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** Longest execution text kept (MCP's shape is a few dozen characters; anything longer is not one). */
    static final int MAX_EXECUTION_CHARS = 1_024;

    /** A pin of a definition without {@code execution}. */
    public ToolPin(String tool, PinStatus status, Optional<String> approvedHash, String seenHash,
                   String seenDescription, String seenInputSchema, Instant updatedAt) {
        this(tool, status, approvedHash, seenHash, seenDescription, seenInputSchema, null, null, updatedAt);
    }

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
        requireExecution(seenExecution, "seenExecution");
        requireExecution(approvedExecution, "approvedExecution");
        Checks.present(updatedAt, "updatedAt");
        switch (status) {
            case APPROVED -> {
                if (!approvedHash.equals(Optional.of(seenHash))) {
                    throw new IllegalArgumentException("an approved pin's approvedHash must equal its seenHash");
                }
            }
            case PENDING -> {
                if (approvedHash.isPresent() || approvedExecution != null) {
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
                seenInputSchema, seenExecution, seenExecution, now);
    }

    private static void requireExecution(String execution, String field) {
        if (execution != null && (execution.isBlank() || execution.length() > MAX_EXECUTION_CHARS
                || execution.charAt(0) != '{')) {
            throw new IllegalArgumentException(field + " must be a JSON object of at most " + MAX_EXECUTION_CHARS
                    + " characters");
        }
    }

    private static void requireHash(String hash, String field) {
        Checks.present(hash, field);
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lower-case hex digits");
        }
    }
}
