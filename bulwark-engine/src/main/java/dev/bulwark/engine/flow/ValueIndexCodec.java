package dev.bulwark.engine.flow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Binary form of a {@link ValueIndex}: a magic number, a version, the bounds, the label table, the intent and output
 * entries in order, the summary's bits and the counters. Reading checks every count against the stored bounds and
 * every key's shape, so a corrupted or hostile blob is refused rather than loaded half-way.
 */
final class ValueIndexCodec {
    private static final int MAGIC = 0x42574658; // "BWFX"
    /** 2 added the written marks ({@link ValueIndex#WRITTEN_UNTRUSTED}) and the lost-mark flag; 1 is still read. */
    private static final int VERSION = 2;
    /** The largest bounds a stored index may claim, whatever wrote it. */
    private static final int MAX_ENTRIES = 1 << 20;
    private static final int MAX_BLOOM_BITS = 1 << 26;

    private ValueIndexCodec() {}

    static byte[] write(ValueIndex index) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            ValueIndex.Bounds b = index.bounds;
            out.writeInt(b.maxEntries());
            out.writeInt(b.maxBytes());
            out.writeInt(b.maxIntentEntries());
            out.writeInt(b.bloomBits());
            out.writeInt(b.maxLabels());
            out.writeInt(index.labelNames.size());
            for (String label : index.labelNames) {
                out.writeUTF(label);
            }
            writeEntries(out, index.intent);
            writeEntries(out, index.entries);
            out.writeLong(index.summary.seed());
            out.writeLong(index.summary.added());
            for (long word : index.summary.bits()) {
                out.writeLong(word);
            }
            out.writeLong(index.evicted);
            out.writeLong(index.droppedIntent);
            out.writeBoolean(index.writtenEvicted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeEntries(DataOutputStream out, Map<String, ValueIndex.Entry> entries) throws IOException {
        out.writeInt(entries.size());
        for (Map.Entry<String, ValueIndex.Entry> e : entries.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeByte(e.getValue().sources);
            out.writeLong(e.getValue().labels);
        }
    }

    static ValueIndex read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            check(in.readInt() == MAGIC, "not a value index");
            int version = in.readInt();
            check(version == 1 || version == VERSION, "unknown value index version");
            int maxEntries = in.readInt();
            int maxBytes = in.readInt();
            int maxIntent = in.readInt();
            int bloomBits = in.readInt();
            int maxLabels = in.readInt();
            check(maxEntries <= MAX_ENTRIES && maxIntent <= MAX_ENTRIES && bloomBits <= MAX_BLOOM_BITS,
                    "value index bounds too large");
            ValueIndex.Bounds bounds = new ValueIndex.Bounds(maxEntries, maxBytes, maxIntent, bloomBits, maxLabels);
            int labels = in.readInt();
            check(labels >= 0 && labels <= maxLabels, "too many labels");
            String[] names = new String[labels];
            for (int i = 0; i < labels; i++) {
                names[i] = in.readUTF();
            }
            long labelMask = (1L << labels) - 1 | 1L << 63;
            Map<String, ValueIndex.Entry> intent = new java.util.LinkedHashMap<>();
            readEntries(in, intent, maxIntent, labelMask, true);
            Map<String, ValueIndex.Entry> entries = new java.util.LinkedHashMap<>();
            readEntries(in, entries, maxEntries, labelMask, false);
            long seed = in.readLong();
            long added = in.readLong();
            long[] bits = new long[bloomBits / 64];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = in.readLong();
            }
            ValueIndex index = new ValueIndex(bounds, new BloomSummary(bits, seed, added));
            index.labelNames.addAll(List.of(names));
            index.intent.putAll(intent);
            index.entries.putAll(entries);
            for (String key : entries.keySet()) {
                index.bytes += ValueIndex.cost(key);
            }
            check(index.bytes <= maxBytes, "value index over its byte bound");
            index.evicted = in.readLong();
            index.droppedIntent = in.readLong();
            index.writtenEvicted = version >= 2 && in.readBoolean();
            check(in.read() < 0, "trailing bytes after value index");
            return index;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated value index", e);
        }
    }

    private static void readEntries(DataInputStream in, Map<String, ValueIndex.Entry> into, int max, long labelMask,
                                    boolean intent) throws IOException {
        int n = in.readInt();
        check(n >= 0 && n <= max, "too many value index entries");
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            new FlowValue(ValueKind.TOKEN, List.of(key)); // validates the key's shape
            int sources = in.readByte();
            long labels = in.readLong();
            check(intent ? sources == Source.INTENT.bit()
                    : sources > 0 && (sources & Source.INTENT.bit()) == 0 && sources < 32, "bad sources");
            check((labels & ~labelMask) == 0, "unknown label");
            check(into.put(key, new ValueIndex.Entry(sources, labels)) == null, "duplicate key");
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
