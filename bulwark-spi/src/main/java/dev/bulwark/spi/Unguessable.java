package dev.bulwark.spi;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Values an attacker must not guess (boundary tokens, stream ids, call ids), drawn from a cryptographically strong
 * generator per thread. The JDK's default {@code SecureRandom} on Linux (NativePRNG) and {@link UUID#randomUUID()}
 * draw under one lock shared by every instance in the process, which each gateway call took about three times; a
 * {@code DRBG} instance per thread is seeded from the system's entropy source and shares nothing. Never replace this
 * with {@code Random} or {@code ThreadLocalRandom}: their output can be predicted from earlier values.
 *
 * <p>Meant for pooled threads (the request threads that run calls): each thread seeds its own generator once, so a
 * short-lived virtual thread that draws pays one seeding per thread.
 */
public final class Unguessable {
    private static final ThreadLocal<Source> SOURCE = ThreadLocal.withInitial(Source::new);

    private Unguessable() {}

    /** {@code count} random bytes; {@code count} must not be negative. */
    public static byte[] bytes(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        byte[] out = new byte[count];
        SOURCE.get().fill(out);
        return out;
    }

    /** A random 64-bit value. */
    public static long nextLong() {
        return ByteBuffer.wrap(bytes(8)).getLong();
    }

    /** A random (version 4, IETF variant) UUID, the same format and 122 random bits as {@link UUID#randomUUID()}. */
    public static UUID uuid() {
        byte[] b = bytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        ByteBuffer halves = ByteBuffer.wrap(b);
        return new UUID(halves.getLong(), halves.getLong());
    }

    /**
     * One thread's generator and a block of its output, handed out in order. Each generate call of a DRBG costs
     * hashing beyond the output itself (its state update), so a block of {@link #BLOCK} bytes is drawn at once; bytes
     * handed out are zeroed in the block, so the buffer never holds a value already in use.
     */
    private static final class Source {
        static final int BLOCK = 512;
        final SecureRandom generator = strong();
        final byte[] block = new byte[BLOCK];
        int next = BLOCK;

        void fill(byte[] out) {
            int done = 0;
            while (done < out.length) {
                if (next == BLOCK) {
                    generator.nextBytes(block);
                    next = 0;
                }
                int n = Math.min(out.length - done, BLOCK - next);
                System.arraycopy(block, next, out, done, n);
                java.util.Arrays.fill(block, next, next + n, (byte) 0);
                next += n;
                done += n;
            }
        }
    }

    private static SecureRandom strong() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            // Every Java 9+ runtime has DRBG; if one does not, fail rather than fall back to something weaker.
            throw new IllegalStateException("no DRBG SecureRandom available", e);
        }
    }
}
