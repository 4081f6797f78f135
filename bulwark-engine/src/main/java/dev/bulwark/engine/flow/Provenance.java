package dev.bulwark.engine.flow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traces the arguments of a call to the values a session has seen. For a string argument the parts are the typed
 * values inside it (so an IBAN in a sentence or a URL in a message body is found whatever surrounds it); a short
 * argument (a name, a channel, a subject) is also matched as a whole phrase, or else word by word. Bare numbers count
 * inside long text only with six or more digits, and words never do, so common short values cannot match everything.
 */
public final class Provenance {
    /** An argument at most this long, and of at most {@link #SHORT_WORDS} words, is matched as a phrase or words. */
    static final int SHORT_CHARS = 64;
    static final int SHORT_WORDS = 6;
    /** Digits a bare number needs to count inside longer text. */
    static final int LONG_NUMBER_DIGITS = 6;
    /** Key length a quoted phrase needs to count inside longer text ({@code text:} and eight characters). */
    static final int MIN_QUOTED_IN_TEXT = "text:".length() + 8;
    private static final int MAX_LEAVES = 10_000;
    private static final int MAX_DEPTH = 64;

    private final ValueExtractor extractor;

    public Provenance(ValueExtractor extractor) {
        this.extractor = extractor;
    }

    public Provenance() {
        this(new ValueExtractor());
    }

    /** Provenance of every argument; {@code sinks} names the arguments the tool declares as sinks
     * ({@link ToolFlow#ALL_ARGUMENTS}: all). */
    public CallProvenance ofCall(Map<String, ?> arguments, Set<String> sinks, ValueIndex index) {
        Map<String, ArgumentProvenance> out = new LinkedHashMap<>();
        arguments.forEach((name, value) -> out.put(name, ofArgument(name, value, sinks.contains(name)
                || sinks.contains(ToolFlow.ALL_ARGUMENTS), index)));
        return new CallProvenance(out, index.hasIntent());
    }

    /** Provenance of one argument value (a string, number, boolean, null, list or object). */
    public ArgumentProvenance ofArgument(String name, Object value, boolean sink, ValueIndex index) {
        List<ArgumentProvenance.Part> parts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean[] traced = {false};
        int[] leaves = {MAX_LEAVES};
        collect(value, 0, index, parts, seen, traced, leaves);
        boolean whole = value instanceof Number
                || value instanceof String s && !s.isBlank() && RecordFields.field(s);
        return new ArgumentProvenance(name, sink, parts, traced[0], whole);
    }

    private void collect(Object value, int depth, ValueIndex index, List<ArgumentProvenance.Part> parts,
                         Set<String> seen, boolean[] traced, int[] leaves) {
        if (leaves[0]-- <= 0 || depth > MAX_DEPTH) {
            traced[0] = true;
            parts.add(new ArgumentProvenance.Part(ValueKind.TOKEN, Set.of(), Set.of())); // untraceable rest: unseen
            return;
        }
        if (value instanceof String s) {
            ofString(s, index, parts, seen, traced);
        } else if (value instanceof Number n) {
            traced[0] = true;
            try {
                add(FlowValue.of(ValueKind.NUMBER, Numbers.key(n)), index, parts, seen);
            } catch (NumberFormatException notFinite) {
                parts.add(new ArgumentProvenance.Part(ValueKind.NUMBER, Set.of(), Set.of()));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Object child : map.values()) {
                collect(child, depth + 1, index, parts, seen, traced, leaves);
            }
        } else if (value instanceof List<?> list) {
            for (Object child : list) {
                collect(child, depth + 1, index, parts, seen, traced, leaves);
            }
        }
    }

    private void ofString(String s, ValueIndex index, List<ArgumentProvenance.Part> parts, Set<String> seen,
                          boolean[] traced) {
        if (s.isBlank()) {
            return;
        }
        traced[0] = true;
        boolean shortArg = s.length() <= SHORT_CHARS && wordCount(s) <= SHORT_WORDS;
        ValueExtractor.Extraction found = extractor.fromText(s, shortArg);
        List<FlowValue> words = new ArrayList<>();
        for (FlowValue v : found.values()) {
            if (v.kind() == ValueKind.WORD) {
                words.add(v);
            } else if (shortArg || (v.kind().typed() && v.kind() != ValueKind.QUOTED)
                    || (v.kind() == ValueKind.QUOTED && v.keys().get(0).length() >= MIN_QUOTED_IN_TEXT)
                    || v.keys().stream().anyMatch(k -> Numbers.digits(k) >= LONG_NUMBER_DIGITS)) {
                add(v, index, parts, seen);
            }
        }
        if (found.truncated()) {
            parts.add(new ArgumentProvenance.Part(ValueKind.TOKEN, Set.of(), Set.of())); // unread rest: unseen
        }
        if (!shortArg) {
            return;
        }
        String phrase = Phrases.canonical(s);
        if (phrase != null) {
            FlowValue whole = FlowValue.of(ValueKind.QUOTED, phrase);
            if (!index.lookup(whole).sources().isEmpty()) {
                add(whole, index, parts, seen);
                return; // the whole argument was seen as it is: its words add nothing
            }
        }
        for (FlowValue w : words) {
            add(w, index, parts, seen);
        }
    }

    /**
     * The words of a short argument: what {@code s.strip().split("\\s+").length} gives (runs of ASCII whitespace
     * inside the stripped text, plus one), without compiling a pattern per argument.
     */
    static int wordCount(String s) {
        String text = s.strip();
        int count = 1;
        boolean inSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (space && !inSpace) {
                count++;
            }
            inSpace = space;
        }
        return count;
    }

    private static void add(FlowValue v, ValueIndex index, List<ArgumentProvenance.Part> parts, Set<String> seen) {
        if (!seen.add(v.kind() + v.keys().get(0))) {
            return;
        }
        ValueIndex.Seen s = index.lookup(v);
        parts.add(new ArgumentProvenance.Part(v.kind(), s.sources(), s.labels()));
    }
}
