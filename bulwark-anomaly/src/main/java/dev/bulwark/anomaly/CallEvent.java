package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.ToolKind;
import java.time.Instant;
import java.util.Set;

/**
 * One concluded tool call, as the detectors see it.
 *
 * @param time      when the call was received
 * @param agentId   the calling agent
 * @param userId    the user it acted for, or {@code null}
 * @param sessionId the transport session, or {@code null}
 * @param tool      the tool's name ({@code connector.tool})
 * @param kind      the tool's kind, or {@code null} when the tool is unknown
 * @param outcome   how it ended
 * @param labels    labels of the output the call delivered (e.g. {@code pii}, {@code secret})
 * @param bytes     size of the output delivered
 * @param items     rows or documents returned, or -1 when the connector does not say
 * @param injection whether an injection screen found instructions in the output
 * @param intent    the session's declared intent, or {@code null}
 */
public record CallEvent(Instant time, String agentId, String userId, String sessionId, String tool, ToolKind kind,
                        Outcome outcome, Set<String> labels, long bytes, long items, boolean injection,
                        String intent) {
    public static final int MAX_NAME = 256;

    /** The ends a call can have that detectors distinguish. */
    public enum Outcome { ALLOWED, DENIED, FAILED }

    public CallEvent {
        Checks.present(time, "time");
        Checks.nonBlank(agentId, "agentId");
        Checks.nonBlank(tool, "tool");
        Checks.present(outcome, "outcome");
        labels = Set.copyOf(Checks.present(labels, "labels"));
        if (agentId.length() > MAX_NAME || tool.length() > MAX_NAME || (userId != null && userId.length() > MAX_NAME)) {
            throw new IllegalArgumentException("names are at most " + MAX_NAME + " characters");
        }
        bytes = Math.max(0, bytes);
        items = Math.max(-1, items);
    }

    /** The connector part of the tool name: everything before the first dot. */
    public String connector() {
        int dot = tool.indexOf('.');
        return dot < 0 ? tool : tool.substring(0, dot);
    }

    public boolean denied() {
        return outcome == Outcome.DENIED;
    }
}
