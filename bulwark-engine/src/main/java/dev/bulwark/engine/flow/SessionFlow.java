package dev.bulwark.engine.flow;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flow state of one session: what the user asked for and what tools returned, ready to trace a call's
 * arguments. Thread-safe (the index synchronises).
 */
public final class SessionFlow {
    private final ValueExtractor extractor;
    private final ValueIndex index;
    private final Provenance provenance;

    public SessionFlow(ValueExtractor extractor, ValueIndex index) {
        this.extractor = extractor;
        this.index = index;
        this.provenance = new Provenance(extractor);
    }

    public SessionFlow() {
        this(new ValueExtractor(), new ValueIndex());
    }

    /** Records the user's request (given by the client, never by the model): its values are trusted. */
    public void intent(String request) {
        List<FlowValue> values = extractor.fromText(request, true).values();
        // typed values first, so that a long request's words cannot use up the intent bound before its identifiers
        index.record(Source.INTENT, Set.of(), values.stream().filter(v -> v.kind() != ValueKind.WORD).toList());
        index.record(Source.INTENT, Set.of(), values.stream().filter(v -> v.kind() == ValueKind.WORD).toList());
    }

    /**
     * Records a tool output, text or JSON tree; its source follows from its labels ({@link Source#ofOutput}).
     *
     * @return whether every value of the output was indexed exactly. When not, and the output is untrusted, the
     *         values beyond the bounds are summarised as untrusted, and if some of it was not read at all, every value
     *         the session does not otherwise know looks untrusted from then on (see {@link ValueIndex#recordUnindexed})
     */
    public boolean output(Object output, Set<String> labels) {
        ValueExtractor.Extraction found = output instanceof String s
                ? extractor.fromText(s, true) : extractor.fromTree(output, true);
        Source source = Source.ofOutput(labels);
        index.record(source, labels, found.values());
        index.recordUnindexed(source, found.overflow(), found.truncated());
        return found.complete();
    }

    /** Provenance of a call's arguments. */
    public CallProvenance provenance(Map<String, ?> arguments, Set<String> sinks) {
        return provenance.ofCall(arguments, sinks, index);
    }

    public ValueIndex index() {
        return index;
    }
}
