package dev.bulwark.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class JsonTreesTest {
    private static Map<String, Object> mutableTree() {
        List<Object> items = new ArrayList<>(List.of("a", 1L));
        Map<String, Object> inner = new HashMap<>();
        inner.put("items", items);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("inner", inner);
        tree.put("flag", true);
        tree.put("none", null);
        return tree;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCopyNoLongerFollowsTheOriginal() {
        Map<String, Object> original = mutableTree();
        Map<String, Object> copy = JsonTrees.copyObject(original);
        ((List<Object>) ((Map<String, Object>) original.get("inner")).get("items")).add("later");
        original.put("added", "x");
        assertEquals(mutableTree(), copy);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCopyCannotBeChangedAtAnyDepth() {
        Map<String, Object> copy = JsonTrees.copyObject(mutableTree());
        assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> copy.remove("flag"));
        assertThrows(UnsupportedOperationException.class, () -> copy.entrySet().iterator().next().setValue(2));
        assertThrows(UnsupportedOperationException.class, () -> copy.keySet().clear());
        assertThrows(UnsupportedOperationException.class, () -> copy.values().clear());
        Map<String, Object> inner = (Map<String, Object>) copy.get("inner");
        assertThrows(UnsupportedOperationException.class, () -> inner.clear());
        List<Object> items = (List<Object>) inner.get("items");
        assertThrows(UnsupportedOperationException.class, () -> items.add("b"));
        assertThrows(UnsupportedOperationException.class, () -> items.set(0, "b"));
        assertThrows(UnsupportedOperationException.class, () -> items.remove(0));
        var iterator = items.iterator();
        iterator.next();
        assertThrows(UnsupportedOperationException.class, iterator::remove);
    }

    @Test
    void aTreeItMadeIsTakenAsItIsWholeOrAsABranch() {
        Map<String, Object> copy = JsonTrees.copyObject(mutableTree());
        assertSame(copy, JsonTrees.copyObject(copy));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("branch", copy);
        assertSame(copy, JsonTrees.copyObject(outer).get("branch"));
    }

    @Test
    void anUnmodifiableViewMadeElsewhereIsStillCopied() {
        Map<String, Object> backing = new LinkedHashMap<>(Map.of("k", "v"));
        Map<String, Object> view = java.util.Collections.unmodifiableMap(backing);
        Map<String, Object> copy = JsonTrees.copyObject(view);
        assertNotSame(view, copy);
        backing.put("k", "changed");
        assertEquals(Map.of("k", "v"), copy);
    }

    @Test
    void copiesEqualPlainMapsAndListsWithTheSameContent() {
        Map<String, Object> copy = JsonTrees.copyObject(mutableTree());
        Map<String, Object> plain = mutableTree();
        assertEquals(plain, copy);
        assertEquals(copy, plain);
        assertEquals(plain.hashCode(), copy.hashCode());
        assertEquals(plain.toString(), copy.toString());
        assertEquals(List.of("inner", "flag", "none"), List.copyOf(copy.keySet()));
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.copyObject(Map.of("k", new Object())));
        Map<Object, Object> badKey = new HashMap<>();
        badKey.put(1, "v");
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.copyValue(badKey));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCanonicalCopyIsInKeyOrderWithCanonicalNumbersAtEveryDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(2.5f, (short) 3, new java.math.BigInteger("5"), -0.0, new java.math.BigDecimal("1.5")));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("b", inner);
        tree.put("B", "upper before lower");
        tree.put("a", new java.math.BigInteger("123456789012345678901234567890"));
        Map<String, Object> canonical = JsonTrees.canonicalObject(tree);
        assertEquals(List.of("B", "a", "b"), List.copyOf(canonical.keySet()));
        Map<String, Object> b = (Map<String, Object>) canonical.get("b");
        assertEquals(List.of("a", "z"), List.copyOf(b.keySet()));
        assertEquals(1L, b.get("z"));
        assertEquals(List.of(2.5, 3L, 5L, 0.0, 1.5), b.get("a"));
        assertEquals(Long.class, ((List<Object>) b.get("a")).get(2).getClass());
        assertEquals(true, JsonTrees.isCanonical(canonical));
        assertEquals(true, JsonTrees.isCanonical(b));
        assertEquals(false, JsonTrees.isCanonical(JsonTrees.copyObject(tree)));
        assertEquals(false, JsonTrees.isCanonical(-0.0));
        assertEquals(false, JsonTrees.isCanonical(1));
    }

    @Test
    void aCanonicalTreeIsTakenAsItIsByEveryCopyAndFrozen() {
        Map<String, Object> canonical = JsonTrees.canonicalObject(mutableTree());
        assertSame(canonical, JsonTrees.canonicalObject(canonical));
        assertSame(canonical, JsonTrees.copyObject(canonical));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("branch", canonical);
        assertSame(canonical, JsonTrees.canonicalObject(outer).get("branch"));
        assertThrows(UnsupportedOperationException.class, () -> canonical.put("x", 1));
        assertEquals(mutableTree(), canonical);
    }

    @Test
    void aFrozenButUnsortedTreeIsMadeCanonical() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("z", 1);
        tree.put("a", 2L);
        Map<String, Object> frozen = JsonTrees.copyObject(tree);
        Map<String, Object> canonical = JsonTrees.canonicalObject(frozen);
        assertNotSame(frozen, canonical);
        assertEquals(List.of("a", "z"), List.copyOf(canonical.keySet()));
        assertEquals(Map.of("a", 2L, "z", 1L), canonical);
    }

    @Test
    void aCanonicalCopyRefusesWhatHasNoCanonicalForm() {
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.canonicalObject(Map.of("n", Double.NaN)));
        assertThrows(IllegalArgumentException.class,
                () -> JsonTrees.canonicalObject(Map.of("n", List.of(Float.POSITIVE_INFINITY))));
        assertThrows(IllegalArgumentException.class,
                () -> JsonTrees.canonicalObject(Map.of("n", new java.util.concurrent.atomic.DoubleAdder())));
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.canonicalObject(Map.of("k", new Object())));
        Map<Object, Object> badKey = new HashMap<>();
        badKey.put(1, "v");
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.canonicalValue(badKey));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.canonicalObject(nullKey));
    }

    @Test
    void frozenTreesHashAndCompareExactlyLikeTheTreesTheyCopy() {
        Map<String, Object> plain = mutableTree();
        Map<String, Object> frozen = JsonTrees.copyObject(plain);
        Map<String, Object> canonical = JsonTrees.canonicalObject(plain);
        for (Map<String, Object> copy : List.of(frozen, canonical)) {
            assertEquals(plain.hashCode(), copy.hashCode());
            assertEquals(plain.hashCode(), copy.hashCode()); // the kept hash, asked again
            assertEquals(plain, copy);
            assertEquals(copy, plain);
        }
        assertEquals(frozen, canonical);
        assertEquals(plain.get("inner").hashCode(), frozen.get("inner").hashCode());
        assertEquals(List.of("a", 1L).hashCode(), ((Map<?, ?>) frozen.get("inner")).get("items").hashCode());
        // a tree whose hash is zero is still compared and hashed as a map
        Map<String, Object> empty = JsonTrees.copyObject(Map.of());
        assertEquals(0, empty.hashCode());
        assertEquals(Map.of(), empty);
    }

    @Test
    void frozenTreesThatDifferAnywhereAreNotEqual() {
        Map<String, Object> frozen = JsonTrees.copyObject(mutableTree());
        frozen.hashCode();
        Map<String, Object> changed = mutableTree();
        ((List<Object>) ((Map<String, Object>) changed.get("inner")).get("items")).add("b");
        Map<String, Object> other = JsonTrees.copyObject(changed);
        other.hashCode();
        org.junit.jupiter.api.Assertions.assertNotEquals(frozen, other);
        org.junit.jupiter.api.Assertions.assertNotEquals(other, frozen);
        org.junit.jupiter.api.Assertions.assertNotEquals(frozen, changed);
        Map<String, Object> fewer = new LinkedHashMap<>(mutableTree());
        fewer.remove("none");
        org.junit.jupiter.api.Assertions.assertNotEquals(frozen, JsonTrees.copyObject(fewer));
        // same hash is not enough: "Aa" and "BB" collide
        Map<String, Object> aa = JsonTrees.copyObject(Map.of("k", "Aa"));
        Map<String, Object> bb = JsonTrees.copyObject(Map.of("k", "BB"));
        assertEquals(aa.hashCode(), bb.hashCode());
        org.junit.jupiter.api.Assertions.assertNotEquals(aa, bb);
    }
}
