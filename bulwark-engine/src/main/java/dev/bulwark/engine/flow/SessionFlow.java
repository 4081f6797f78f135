package dev.bulwark.engine.flow;

import java.util.ArrayList;
import java.util.HashSet;
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
        return output(output, labels, false, Map.of());
    }

    /**
     * Records the output of a call.
     *
     * @param records   the tool returns records ({@code output: records}): an untrusted output that parses as a JSON or
     *                  YAML list or object has its short standalone values recorded as {@link Source#UNTRUSTED_FIELD}
     *                  and the rest as {@link Source#UNTRUSTED_OUTPUT} ({@link RecordFields})
     * @param arguments the call's own arguments: a value of them that the output repeats is not recorded from the
     *                  output. An echo says nothing new of where the value came from, and recording it would make a
     *                  value the model wrote look untrusted (an untrusted echo) or launder an untrusted value (a
     *                  trusted echo). The value keeps the provenance it had when the call was decided
     */
    public boolean output(Object output, Set<String> labels, boolean records, Map<String, ?> arguments) {
        return output(output, labels, records, arguments(arguments));
    }

    /** {@link #output(Object, Set, boolean, Map)} with the call's arguments read once ({@link #arguments}). */
    public boolean output(Object output, Set<String> labels, boolean records, Arguments arguments) {
        Source source = Source.ofOutput(labels);
        Set<String> echoed = arguments.keys;
        RecordFields.Split split = records && source == Source.UNTRUSTED_OUTPUT
                ? RecordFields.split(output, extractor.limits().maxNodes(), extractor.limits().maxChars()) : null;
        if (split == null) {
            ValueExtractor.Extraction found = output instanceof String s
                    ? extractor.fromText(s, true) : extractor.fromTree(output, true);
            index.record(source, labels, notEchoed(found.values(), echoed));
            index.recordUnindexed(source, found.overflow(), found.truncated());
            return found.complete();
        }
        ValueExtractor.Extraction text = extractor.fromTree(split.text(), true);
        List<FlowValue> fields = new ArrayList<>();
        List<FlowValue> mentioned = new ArrayList<>(text.values());
        boolean complete = text.complete();
        for (Object leaf : split.fields()) {
            ValueExtractor.Extraction found = extractor.fromTree(leaf, true);
            complete &= found.complete();
            boolean whole = !(leaf instanceof String s) || RecordFields.singleToken(s);
            for (FlowValue v : found.values()) {
                (v.kind().identifier() && !whole ? mentioned : fields).add(v);
            }
        }
        index.record(Source.UNTRUSTED_OUTPUT, labels, notEchoed(mentioned, echoed));
        index.record(Source.UNTRUSTED_FIELD, labels, notEchoed(fields, echoed));
        index.recordUnindexed(Source.UNTRUSTED_OUTPUT, text.overflow(), text.truncated());
        return complete;
    }

    /**
     * Records that a call which changes something (a tool not of kind {@code read}) ran with these arguments: each of
     * their values the session knows only from untrusted content keeps that provenance when a trusted tool later
     * returns it (a store read back after the write), instead of being laundered into {@code trusted_output}.
     */
    public void written(Map<String, ?> arguments) {
        written(arguments(arguments));
    }

    /** {@link #written(Map)} with the call's arguments read once ({@link #arguments}). */
    public void written(Arguments arguments) {
        index.recordWritten(arguments.values);
    }

    /**
     * A call's arguments read for recording its outcome: the values {@link #written} marks and the keys an output's
     * echo of them is recognised by. Read once per call, however many outputs and writes the call records.
     */
    public Arguments arguments(Map<String, ?> arguments) {
        return new Arguments(extractor.fromTree(arguments, true).values());
    }

    /** The values of a call's arguments and their keys; made by {@link #arguments}. */
    public static final class Arguments {
        private final List<FlowValue> values;
        private final Set<String> keys;

        private Arguments(List<FlowValue> values) {
            this.values = values;
            Set<String> all = new HashSet<>();
            for (FlowValue v : values) {
                all.addAll(v.keys());
            }
            this.keys = all;
        }
    }

    private static List<FlowValue> notEchoed(List<FlowValue> values, Set<String> echoed) {
        if (echoed.isEmpty()) {
            return values;
        }
        List<FlowValue> kept = new ArrayList<>(values.size());
        for (FlowValue v : values) {
            if (!echoesAny(v, echoed)) {
                kept.add(v);
            }
        }
        return kept;
    }

    private static boolean echoesAny(FlowValue value, Set<String> echoed) {
        for (String key : value.keys()) {
            if (echoed.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Provenance of a call's arguments. */
    public CallProvenance provenance(Map<String, ?> arguments, Set<String> sinks) {
        return provenance.ofCall(arguments, sinks, index);
    }

    public ValueIndex index() {
        return index;
    }
}
