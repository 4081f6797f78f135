package dev.bulwark.engine.flow;

import dev.bulwark.spi.Unguessable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values one session has received, each with the sources and labels it was seen with.
 *
 * <p>Bounded: output values are held exactly up to {@link Bounds#maxEntries()} entries and {@link Bounds#maxBytes()}
 * estimated bytes, oldest evicted first; values of the user's intent have their own bound and are never evicted by
 * output. Eviction fails safe: the key of an evicted value that had been seen in untrusted output goes into a Bloom
 * summary, so it is still reported as seen untrusted (false positives possible, false negatives not); trusted facts
 * of an evicted value are lost, which can only make a value look less trusted. Plain words of untrusted output go to
 * the summary only. Values of the intent beyond its bound are dropped (they then look unseen, again the safe side).
 * The labels of evicted values are lost; the session's own label set keeps them at session level.
 */
public final class ValueIndex {
    /** Estimated heap cost of one entry besides its key's characters. */
    static final int ENTRY_OVERHEAD = 96;

    /**
     * Bounds of one index.
     *
     * @param maxEntries       output values held exactly
     * @param maxBytes         estimated bytes of those entries
     * @param maxIntentEntries values of the intent held
     * @param bloomBits        size of the summary of evicted untrusted values, a power of two
     * @param maxLabels        distinct labels tracked per value (more become {@link #OVERFLOW_LABEL})
     */
    public record Bounds(int maxEntries, int maxBytes, int maxIntentEntries, int bloomBits, int maxLabels) {
        public Bounds {
            if (maxEntries < 1 || maxBytes < ENTRY_OVERHEAD || maxIntentEntries < 1 || maxLabels < 1
                    || maxLabels > 63 || bloomBits < 64 || Integer.bitCount(bloomBits) != 1) {
                throw new IllegalArgumentException("bad value index bounds");
            }
        }

        public static Bounds defaults() {
            return new Bounds(4096, 512 * 1024, 1024, 1 << 16, 48);
        }

        /**
         * The defaults, shrunk so that the byte form of an index of ordinary values fits a session store slot of
         * {@code slotBytes}: the summary takes at most an eighth of it and the estimated entry bytes at most the
         * slot (an entry's byte form is well under its estimated heap cost for keys of one-byte characters). An index
         * whose byte form still exceeds the slot is shrunk on writing ({@link #shrinkTo}).
         */
        public static Bounds forSlot(int slotBytes) {
            Bounds d = defaults();
            int bloomBits = Integer.highestOneBit(Math.max(64, slotBytes)); // slotBytes / 8 bytes, in bits
            return new Bounds(d.maxEntries(), Math.max(ENTRY_OVERHEAD, Math.min(d.maxBytes(), slotBytes)),
                    d.maxIntentEntries(), Math.min(d.bloomBits(), bloomBits), d.maxLabels());
        }
    }

    /**
     * Entry bit, beside the source bits: the value was written by a call that changed something (a tool not of kind
     * {@code read}) while the session knew it only from untrusted content, or not at all (seen nowhere: made by the
     * model, or written so that the gateway could not recognise it). A trusted output that later repeats it (a store
     * read back) does not make it trusted: it keeps the sources it was written with.
     */
    static final int WRITTEN_UNTRUSTED = 1 << 4;

    /** Reported when a value carried more distinct labels than the index tracks. */
    public static final String OVERFLOW_LABEL = "flow:labels-overflow";

    /** What the index knows of one value: empty sources means never seen. */
    public record Seen(Set<Source> sources, Set<String> labels) {
        public Seen {
            sources = Set.copyOf(sources);
            labels = Set.copyOf(labels);
        }

        public boolean trusted() {
            return sources.contains(Source.INTENT) || sources.contains(Source.TRUSTED_OUTPUT);
        }

        public boolean untrustedOnly() {
            return sources.equals(Set.of(Source.UNTRUSTED_OUTPUT));
        }
    }

    /** Counters for monitoring and for the policy context (a saturated index is worth knowing about). */
    public record Stats(int entries, int bytes, int intentEntries, long evicted, long summarised,
                        long droppedIntent, int summaryBytes, boolean saturated) {}

    static final class Entry {
        int sources;
        long labels;

        Entry(int sources, long labels) {
            this.sources = sources;
            this.labels = labels;
        }
    }

    final Bounds bounds;
    final Map<String, Entry> intent = new LinkedHashMap<>();
    final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    final List<String> labelNames = new ArrayList<>();
    final BloomSummary summary;
    int bytes;
    long evicted;
    long droppedIntent;
    /**
     * A value marked {@link #WRITTEN_UNTRUSTED} was evicted: its mark is lost, so from then on a trusted output's value
     * that the summary may hold as untrusted is not upgraded either (the safe side: it may be that value).
     */
    boolean writtenEvicted;

    public ValueIndex(Bounds bounds) {
        this(bounds, new BloomSummary(bounds.bloomBits(), Unguessable.nextLong()));
    }

    public ValueIndex() {
        this(Bounds.defaults());
    }

    /**
     * An index for a session whose history was lost (evicted from memory, or a stored index that could not be read):
     * its summary answers "maybe seen untrusted" for every value, so nothing unknown passes as unseen-but-harmless,
     * and nothing is trusted until the session sees it again from the intent or a trusted output.
     */
    public static ValueIndex afterLoss(Bounds bounds) {
        ValueIndex index = new ValueIndex(bounds);
        index.summary.saturate();
        return index;
    }

    ValueIndex(Bounds bounds, BloomSummary summary) {
        this.bounds = bounds;
        this.summary = summary;
    }

    /** Records that {@code values} were seen in {@code source}, with the labels of the data they came in. */
    public synchronized void record(Source source, Set<String> labels, Collection<FlowValue> values) {
        long labelBits = labelBits(labels);
        for (FlowValue v : values) {
            for (String key : v.keys()) {
                if (source == Source.INTENT) {
                    recordIntent(key, labelBits);
                } else if (source == Source.TRUSTED_OUTPUT && writtenUntrusted(key)) {
                    // read back from a trusted store after an untrusted write: it keeps what it was written with
                    // (an evicted mark: the summary's untrusted reading stands, and is recorded as such)
                    recordOutput(key, entries.containsKey(key) ? 0 : Source.UNTRUSTED_OUTPUT.bit(), labelBits);
                } else if (source == Source.UNTRUSTED_OUTPUT && v.kind() == ValueKind.WORD) {
                    summary.add(key);
                } else {
                    recordOutput(key, source.bit(), labelBits);
                }
            }
        }
    }

    /** Whether a trusted output repeating {@code key} must not make it trusted (see {@link #WRITTEN_UNTRUSTED}). */
    private boolean writtenUntrusted(String key) {
        Entry e = entries.get(key);
        if (e != null) {
            return (e.sources & WRITTEN_UNTRUSTED) != 0;
        }
        return writtenEvicted && summary.mightContain(key);
    }

    /**
     * Marks the values a call that changed something was given: each one the session knows only from untrusted
     * content, or not at all (no intent, no trusted output), is marked {@link #WRITTEN_UNTRUSTED}, so reading it back
     * from a trusted tool never upgrades it: an untrusted value stays untrusted, an unseen one unseen. Values with a
     * trusted source are left as they are.
     */
    public synchronized void recordWritten(Collection<FlowValue> values) {
        for (FlowValue v : values) {
            if (v.kind() == ValueKind.WORD) {
                continue; // words alone are not values a store keeps; typed values and phrases are
            }
            int sources = 0;
            for (String key : v.keys()) {
                Entry i = intent.get(key);
                Entry o = entries.get(key);
                sources |= (i == null ? 0 : i.sources) | (o == null ? 0 : o.sources & ~WRITTEN_UNTRUSTED);
                if (o == null && summary.mightContain(key)) {
                    sources |= Source.UNTRUSTED_OUTPUT.bit();
                }
            }
            if ((sources & Source.TRUSTED_BITS) != 0) {
                continue;
            }
            for (String key : v.keys()) {
                recordOutput(key, (sources & Source.UNTRUSTED_BITS) | WRITTEN_UNTRUSTED, 0);
            }
        }
    }

    private void recordIntent(String key, long labelBits) {
        Entry e = intent.get(key);
        if (e != null) {
            e.labels |= labelBits;
        } else if (intent.size() < bounds.maxIntentEntries()) {
            intent.put(key, new Entry(Source.INTENT.bit(), labelBits));
        } else {
            droppedIntent++;
        }
    }

    private void recordOutput(String key, int bit, long labelBits) {
        Entry e = entries.remove(key);
        if (e == null) {
            e = new Entry(0, 0);
            bytes += cost(key);
        }
        e.sources |= bit;
        e.labels |= labelBits;
        entries.put(key, e); // most recently seen last, so eviction takes the values not seen for longest
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while ((entries.size() > bounds.maxEntries() || bytes > bounds.maxBytes()) && oldest.hasNext()) {
            Map.Entry<String, Entry> victim = oldest.next();
            forget(victim);
            oldest.remove();
        }
    }

    /**
     * What an evicted entry leaves behind: untrusted ones in the summary, a lost written mark as a flag. A written
     * value seen nowhere goes to the summary too: it then reads as untrusted, which is stricter than unseen but never
     * trusted.
     */
    private void forget(Map.Entry<String, Entry> victim) {
        if ((victim.getValue().sources & (Source.UNTRUSTED_BITS | WRITTEN_UNTRUSTED)) != 0) {
            summary.add(victim.getKey());
        }
        writtenEvicted |= (victim.getValue().sources & WRITTEN_UNTRUSTED) != 0;
        bytes -= cost(victim.getKey());
        evicted++;
    }

    static int cost(String key) {
        return ENTRY_OVERHEAD + 2 * key.length();
    }

    /**
     * Records that untrusted content was received that could not be indexed exactly: the keys of values read beyond
     * the extraction bounds go to the summary, and if some input was not read at all, the summary is saturated so that
     * every value not otherwise known looks seen untrusted from now on (what was not read may hold anything).
     */
    public synchronized void recordUnindexed(Source source, List<String> overflowKeys, boolean unread) {
        if (source == Source.INTENT || source == Source.TRUSTED_OUTPUT) {
            return; // trusted facts that were not kept simply stay unknown: the safe side
        }
        overflowKeys.forEach(summary::add);
        if (unread) {
            summary.saturate();
        }
    }

    /** What is known of a value: the union over its keys of exact entries and of the summary. */
    public synchronized Seen lookup(FlowValue value) {
        int sources = 0;
        long labels = 0;
        for (String key : value.keys()) {
            Entry i = intent.get(key);
            if (i != null) {
                sources |= i.sources;
                labels |= i.labels;
            }
            Entry o = entries.get(key);
            if (o != null) {
                sources |= o.sources;
                labels |= o.labels;
            }
            if ((sources & Source.UNTRUSTED_OUTPUT.bit()) == 0 && summary.mightContain(key)) {
                sources |= Source.UNTRUSTED_OUTPUT.bit();
            }
        }
        return new Seen(Source.of(sources), labelNames(labels));
    }

    /** Whether the session declared an intent with anything in it (values kept, or dropped past the bound). */
    public synchronized boolean hasIntent() {
        return !intent.isEmpty() || droppedIntent > 0;
    }

    public synchronized Stats stats() {
        return new Stats(entries.size(), bytes, intent.size(), evicted, summary.added(), droppedIntent,
                summary.sizeBytes(), summary.saturated());
    }

    private long labelBits(Set<String> labels) {
        long bits = 0;
        for (String label : labels) {
            int i = labelNames.indexOf(label);
            if (i < 0 && labelNames.size() < bounds.maxLabels()) {
                labelNames.add(label);
                i = labelNames.size() - 1;
            }
            bits |= i < 0 ? 1L << 63 : 1L << i;
        }
        return bits;
    }

    private Set<String> labelNames(long bits) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < labelNames.size(); i++) {
            if ((bits & (1L << i)) != 0) {
                out.add(labelNames.get(i));
            }
        }
        if (bits < 0) {
            out.add(OVERFLOW_LABEL);
        }
        return out;
    }

    /**
     * Adds everything {@code other} knows, as if this index had also received what it received: sources and labels
     * of a value are united, never replaced, so a value seen untrusted by either stays untrusted and nothing becomes
     * trusted that neither saw trusted. Beyond the bounds the usual fail-safe eviction applies. Used to combine the
     * indexes of two gateways that recorded outputs of one session at the same time.
     */
    public void merge(ValueIndex other) {
        if (other == this) {
            return;
        }
        // copy under the other's lock, then apply under this one's: never both locks at once
        List<String> names;
        Map<String, Entry> otherIntent = new LinkedHashMap<>();
        Map<String, Entry> otherEntries = new LinkedHashMap<>();
        BloomSummary otherSummary;
        long otherEvicted;
        long otherDropped;
        boolean otherWrittenEvicted;
        synchronized (other) {
            otherWrittenEvicted = other.writtenEvicted;
            names = List.copyOf(other.labelNames);
            other.intent.forEach((k, e) -> otherIntent.put(k, new Entry(e.sources, e.labels)));
            other.entries.forEach((k, e) -> otherEntries.put(k, new Entry(e.sources, e.labels)));
            otherSummary = new BloomSummary(other.summary.bits(), other.summary.seed(), other.summary.added());
            otherEvicted = other.evicted;
            otherDropped = other.droppedIntent;
        }
        synchronized (this) {
            summary.merge(otherSummary);
            otherIntent.forEach((k, e) -> recordIntent(k, relabel(e.labels, names)));
            otherEntries.forEach((k, e) -> recordOutput(k, e.sources, relabel(e.labels, names)));
            writtenEvicted |= otherWrittenEvicted;
            evicted = Math.max(evicted, otherEvicted);
            droppedIntent = Math.max(droppedIntent, otherDropped);
        }
    }

    /** Label bits of another index's label table, in this index's table. */
    private long relabel(long bits, List<String> names) {
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if ((bits & (1L << i)) != 0) {
                labels.add(names.get(i));
            }
        }
        long mine = labelBits(labels);
        return bits < 0 ? mine | 1L << 63 : mine;
    }

    /**
     * The byte form, shrunk until it fits {@code maxBytes}: output values not seen for longest are evicted first (the
     * untrusted ones into the summary, as at the index's own bounds), then values of the intent are dropped (they then
     * look unseen, not trusted). Fails if even an index without values does not fit.
     *
     * @throws IllegalStateException when the summary and label table alone exceed {@code maxBytes}
     */
    public synchronized byte[] shrinkTo(int maxBytes) {
        byte[] form = toBytes();
        while (form.length > maxBytes) {
            if (!entries.isEmpty()) {
                Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
                for (int n = Math.max(1, entries.size() / 8); n > 0 && oldest.hasNext(); n--) {
                    forget(oldest.next());
                    oldest.remove();
                }
            } else if (!intent.isEmpty()) {
                Iterator<String> newest = List.copyOf(intent.keySet()).reversed().iterator();
                for (int n = Math.max(1, intent.size() / 8); n > 0 && newest.hasNext(); n--) {
                    intent.remove(newest.next());
                    droppedIntent++;
                }
            } else {
                throw new IllegalStateException("an empty value index is larger than " + maxBytes + " bytes");
            }
            form = toBytes();
        }
        return form;
    }

    /** The index as bytes, for a session store ({@link ValueIndexCodec} reads them back). */
    public synchronized byte[] toBytes() {
        return ValueIndexCodec.write(this);
    }

    /** Reads an index written by {@link #toBytes()}; refuses malformed or oversized input. */
    public static ValueIndex fromBytes(byte[] data) {
        return ValueIndexCodec.read(data);
    }
}
