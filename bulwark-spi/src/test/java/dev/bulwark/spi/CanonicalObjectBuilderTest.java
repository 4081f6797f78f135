package dev.bulwark.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalObjectBuilderTest {
    @Test
    void buildsWhatCanonicalObjectMakesOfTheSameEntries() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", List.of(2.5f, new BigDecimal("3"), "x"));
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("zeta", nested);
        plain.put("Alpha", -0.0);
        plain.put("ä", true);
        plain.put("b", null);
        plain.put("mid", 7L);
        CanonicalObjectBuilder builder = new CanonicalObjectBuilder();
        plain.forEach(builder::put);
        Map<String, Object> built = builder.build();
        Map<String, Object> canonical = JsonTrees.canonicalObject(plain);
        assertEquals(canonical, built);
        assertEquals(canonical.toString(), built.toString()); // same order, same value types
        assertEquals(List.copyOf(canonical.keySet()), List.copyOf(built.keySet()));
        assertTrue(JsonTrees.isCanonical(built));
        assertSame(built, JsonTrees.canonicalObject(built)); // taken as it is, never copied again
        assertSame(built, JsonTrees.copyObject(built));
    }

    @Test
    void aCanonicalTreePutIntoItIsKeptAsItIs() {
        Map<String, Object> inner = JsonTrees.canonicalObject(Map.of("k", 1));
        Map<String, Object> built = new CanonicalObjectBuilder().put("inner", inner).build();
        assertSame(inner, built.get("inner"));
    }

    @Test
    void putIfAbsentKeepsTheFirstValueAndPutReplacesIt() {
        Map<String, Object> built = new CanonicalObjectBuilder().put("a", 1).putIfAbsent("a", 2).put("b", 1)
                .put("b", 3).build();
        assertEquals(Map.of("a", 1L, "b", 3L), built);
    }

    @Test
    void aValueWithoutCanonicalFormLeavesAPlainMapThatCanonicalObjectStillRefuses() {
        Map<String, Object> built = new CanonicalObjectBuilder().put("ok", 1).put("bad", Double.NaN)
                .put("deep", Map.of("inf", Double.POSITIVE_INFINITY)).build();
        assertFalse(JsonTrees.isCanonical(built));
        assertEquals(List.of("bad", "deep", "ok"), new ArrayList<>(built.keySet()));
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.canonicalObject(built));
        assertThrows(UnsupportedOperationException.class, () -> built.put("x", 1));
        Map<String, Object> notJson = new CanonicalObjectBuilder().put("when", new Object()).build();
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.canonicalObject(notJson));
    }

    @Test
    void isUsedOnceAndRefusesNullKeys() {
        CanonicalObjectBuilder builder = new CanonicalObjectBuilder().put("a", 1);
        Map<String, Object> built = builder.build();
        assertThrows(IllegalStateException.class, builder::build);
        assertThrows(IllegalStateException.class, () -> builder.put("b", 2));
        assertEquals(Map.of("a", 1L), built);
        assertThrows(NullPointerException.class, () -> new CanonicalObjectBuilder().put(null, 1));
        assertThrows(UnsupportedOperationException.class, () -> built.put("b", 2));
    }
}
