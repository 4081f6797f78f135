package dev.bulwark.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UnguessableTest {
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void uuidsHaveTheFormatOfRandomUuidAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = Unguessable.uuid();
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            String text = id.toString();
            assertTrue(UUID_V4.matcher(text).matches(), text);
            assertEquals(UUID.fromString(text), id);
            assertTrue(seen.add(text), "repeated " + text);
        }
    }

    @Test
    void everyUuidBitOutsideVersionAndVariantVaries() {
        long msbOr = 0, msbAnd = -1, lsbOr = 0, lsbAnd = -1;
        for (int i = 0; i < 2_000; i++) {
            UUID id = Unguessable.uuid();
            msbOr |= id.getMostSignificantBits();
            msbAnd &= id.getMostSignificantBits();
            lsbOr |= id.getLeastSignificantBits();
            lsbAnd &= id.getLeastSignificantBits();
        }
        // Bits fixed by the format: version nibble 0100, variant 10. Every other bit took both values.
        assertEquals(0xFFFF_FFFF_FFFF_0FFFL, msbOr ^ msbAnd);
        assertEquals(0x3FFF_FFFF_FFFF_FFFFL, lsbOr ^ lsbAnd);
    }

    @Test
    void bytesHaveTheRequestedLengthAndEachPositionVaries() {
        assertEquals(0, Unguessable.bytes(0).length);
        int or = 0, and = 0xff;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            byte[] b = Unguessable.bytes(16);
            assertEquals(16, b.length);
            or |= b[0] & 0xff;
            and &= b[15] & 0xff;
            assertTrue(seen.add(java.util.HexFormat.of().formatHex(b)));
        }
        assertEquals(0xff, or);
        assertEquals(0, and);
    }

    @Test
    void drawsAcrossAndLargerThanTheBufferedBlockAreFreshBytes() {
        // 7-byte draws straddle the 512-byte block boundary again and again; none repeats, none is all zero
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            byte[] b = Unguessable.bytes(7);
            assertTrue(seen.add(java.util.HexFormat.of().formatHex(b)));
        }
        byte[] large = Unguessable.bytes(5_000);
        int[] counts = new int[256];
        for (byte x : large) {
            counts[x & 0xff]++;
        }
        for (int c : counts) {
            assertTrue(c > 0 && c < 60, "byte value seen " + c + " times in 5,000 random bytes");
        }
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Unguessable.bytes(-1));
    }

    @Test
    void threadsDrawDifferentValues() throws InterruptedException {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    seen.add(Unguessable.nextLong());
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4_000, seen.size());
        assertNotEquals(Unguessable.nextLong(), Unguessable.nextLong());
    }
}
