package dev.bulwark.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The binary form of a principal's baselines, written by its detectors field by field (no object serialization: a
 * stored snapshot is data, never code). Reading is hostile-input safe: every count and length is checked against the
 * bound the detector keeps in memory, numbers must be finite, and anything out of bounds or truncated is an
 * {@link IOException}, so a corrupt snapshot is refused whole rather than half-loaded.
 */
final class BaselineCodec {
    /** A snapshot never exceeds this; larger stored values are refused unread. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_STRING = CallEvent.MAX_NAME;

    private BaselineCodec() {}

    /** Writes fields; never throws for an in-memory target. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        private final DataOutputStream out = new DataOutputStream(bytes);

        void i(int v) {
            run(() -> out.writeInt(v));
        }

        void l(long v) {
            run(() -> out.writeLong(v));
        }

        void d(double v) {
            run(() -> out.writeDouble(v));
        }

        void b(boolean v) {
            run(() -> out.writeBoolean(v));
        }

        /** A string, or {@code null}. */
        void s(String v) {
            if (v == null) {
                i(-1);
                return;
            }
            byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
            i(utf8.length);
            run(() -> out.write(utf8));
        }

        void counts(Map<String, Integer> map) {
            i(map.size());
            map.forEach((k, v) -> {
                s(k);
                i(v);
            });
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private interface Io {
            void run() throws IOException;
        }

        private static void run(Io io) {
            try {
                io.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads fields back, refusing anything a detector could not have written. */
    static final class Reader {
        private final DataInputStream in;

        Reader(byte[] bytes) throws IOException {
            if (bytes == null || bytes.length > MAX_BYTES) {
                throw new IOException("snapshot missing or larger than " + MAX_BYTES + " bytes");
            }
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        int i() throws IOException {
            return in.readInt();
        }

        /** An int within [min, max]. */
        int i(int min, int max) throws IOException {
            int v = in.readInt();
            if (v < min || v > max) {
                throw new IOException("value " + v + " outside " + min + ".." + max);
            }
            return v;
        }

        long l() throws IOException {
            return in.readLong();
        }

        /** A finite double. */
        double d() throws IOException {
            double v = in.readDouble();
            if (!Double.isFinite(v)) {
                throw new IOException("a number is not finite");
            }
            return v;
        }

        boolean b() throws IOException {
            return in.readBoolean();
        }

        String s() throws IOException {
            int n = in.readInt();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > MAX_STRING * 4) {
                throw new IOException("string length " + n + " out of bounds");
            }
            byte[] utf8 = new byte[n];
            in.readFully(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }

        /** A map of names to counts, at most {@code max} entries, counts not negative. */
        void counts(Map<String, Integer> into, int max) throws IOException {
            int n = i(0, max);
            for (int k = 0; k < n; k++) {
                String key = s();
                if (key == null) {
                    throw new IOException("a name is missing");
                }
                into.put(key, i(0, Integer.MAX_VALUE));
            }
        }

        /** Fails unless every byte was read: trailing data means the snapshot is not what was written. */
        void end() throws IOException {
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the snapshot");
            }
        }
    }
}
