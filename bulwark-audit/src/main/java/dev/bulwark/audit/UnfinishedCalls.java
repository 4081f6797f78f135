package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs {@link AuditEventType#TOOL_ATTEMPT} records with the {@link AuditEventType#TOOL_CALL} record that concludes
 * them (same {@code details.callId}), in chain order. What is left at the end are side effects whose outcome was never
 * recorded: the process died (or the log failed) between the attempt and its outcome.
 */
public final class UnfinishedCalls {
    private final Map<String, Attempt> open = new LinkedHashMap<>();

    /**
     * An attempt with no outcome.
     *
     * @param sequence the attempt record
     * @param callId   the call's id
     * @param tool     the tool that may have run
     * @param agentId  who called it
     * @param time     when the call was received
     */
    public record Attempt(long sequence, String callId, String tool, String agentId, Instant time) {
    }

    public void see(AuditRecord record) {
        if (!(record.event().details().get("callId") instanceof String callId)) {
            return;
        }
        switch (record.event().type()) {
            case TOOL_ATTEMPT -> open.put(callId, new Attempt(record.sequence(), callId, record.event().action(),
                    record.event().agentId(), record.event().time()));
            case TOOL_CALL -> open.remove(callId);
            default -> {
            }
        }
    }

    public List<Attempt> unfinished() {
        return List.copyOf(open.values());
    }
}
