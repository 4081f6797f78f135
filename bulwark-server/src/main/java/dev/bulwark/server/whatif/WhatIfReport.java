package dev.bulwark.server.whatif;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.http.JsonResponses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What replaying recorded decisions against a draft found.
 *
 * @param scanned         tool-call records read
 * @param replayed        records whose decision the draft was asked again
 * @param unchanged       replayed records the draft decides the same way
 * @param undecided       records of calls that ended before policy was asked (invalid arguments, unknown tool, …)
 * @param notReplayable   decided records without a decision input (written before records carried one)
 * @param malformed       records whose decision input could not be read
 * @param changes         the calls whose decision would change, oldest first, at most the requested number
 * @param changesTotal    how many changed, listed or not
 * @param next            the sequence to continue from when the run stopped at its record limit; empty when done
 */
public record WhatIfReport(long scanned, long replayed, long unchanged, long undecided, long notReplayable,
                           long malformed, List<Change> changes, long changesTotal, OptionalLong next) {
    public WhatIfReport {
        changes = List.copyOf(changes);
    }

    /**
     * One call whose decision would change.
     *
     * @param redacted the parts of the decision input the audit redactor changed (the draft decided on redacted
     *                 values there)
     */
    public record Change(long sequence, Instant time, String agent, String user, String tool, String session,
                         Effect before, Effect after, List<String> redacted) {
        public Change {
            redacted = List.copyOf(redacted);
        }

        /** {@code allow→deny}, {@code deny→allow}, {@code allow→approval} (a new approval), … */
        public String kind() {
            return before.effect() + "→" + after.effect();
        }
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonResponses.object();
        n.put("scanned", scanned).put("replayed", replayed).put("unchanged", unchanged).put("undecided", undecided)
                .put("notReplayable", notReplayable).put("malformed", malformed).put("changesTotal", changesTotal);
        if (next.isPresent()) {
            n.put("next", next.getAsLong());
        } else {
            n.putNull("next");
        }
        var list = n.putArray("changes");
        for (Change c : changes) {
            ObjectNode o = list.addObject();
            o.put("sequence", c.sequence()).put("time", c.time().toString()).put("agent", c.agent())
                    .put("user", c.user()).put("tool", c.tool()).put("session", c.session()).put("change", c.kind());
            side(o.putObject("before"), c.before());
            side(o.putObject("after"), c.after());
            c.redacted().forEach(o.putArray("redacted")::add);
        }
        return n;
    }

    private static void side(ObjectNode n, Effect e) {
        n.put("effect", e.effect());
        e.policies().forEach(n.putArray("policies")::add);
        if (!e.reason().isEmpty()) {
            n.put("reason", e.reason());
        }
    }

    /** Lines for people: each change with the policies on both sides, then the counts. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Change c : changes) {
            lines.add("record " + c.sequence() + " " + c.time() + " " + c.tool() + " by agent " + c.agent()
                    + (c.user() == null ? "" : " for user " + c.user()) + ": " + c.kind());
            lines.add("  now:   " + c.before().describe());
            lines.add("  draft: " + c.after().describe());
            if (!c.redacted().isEmpty()) {
                lines.add("  note: the audit log holds the " + String.join(" and ", c.redacted())
                        + " redacted; the draft decided on the redacted values");
            }
        }
        lines.add(changesTotal + " of " + replayed + " replayed calls would change (" + unchanged + " unchanged"
                + (changesTotal > changes.size() ? "; " + changes.size() + " listed" : "") + "); " + undecided
                + " calls never reached policy; " + notReplayable + " decided calls carry no decision input"
                + (malformed > 0 ? "; " + malformed + " decision inputs unreadable" : ""));
        next.ifPresent(n -> lines.add("STOPPED at the record limit: continue with --after " + n));
        return lines;
    }
}
