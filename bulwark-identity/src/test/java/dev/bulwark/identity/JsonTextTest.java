package dev.bulwark.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void rolesReadAgainFromTheSameTextAreTheSameRoles() {
        String text = JsonText.ofRoles(Set.of("writer", "analyst"));
        Set<String> first = JsonText.roles(text);
        Set<String> second = JsonText.roles(new String(text.toCharArray()));
        assertEquals(Set.of("analyst", "writer"), first);
        assertEquals(first, second);
        assertEquals(List.of("analyst", "writer"), List.copyOf(second));
    }

    @Test
    void aChangedTextGivesTheChangedValues() {
        assertEquals(Set.of("a"), JsonText.roles("[\"a\"]"));
        assertEquals(Set.of("a", "b"), JsonText.roles("[\"a\",\"b\"]"));
        assertEquals(Map.of("dept", "x"), JsonText.attributes("{\"dept\":\"x\"}"));
        assertEquals(Map.of("dept", "y"), JsonText.attributes("{\"dept\":\"y\"}"));
    }

    @Test
    void valuesHandedOutCannotBeChangedByTheirReader() {
        Set<String> roles = JsonText.roles("[\"reader\"]");
        Map<String, String> attributes = JsonText.attributes("{\"team\":\"blue\"}");
        assertThrows(UnsupportedOperationException.class, () -> roles.add("admin"));
        assertThrows(UnsupportedOperationException.class, () -> attributes.put("team", "red"));
        assertEquals(Set.of("reader"), JsonText.roles("[\"reader\"]"));
        assertEquals(Map.of("team", "blue"), JsonText.attributes("{\"team\":\"blue\"}"));
    }

    @Test
    void badStoredTextIsRefusedEveryTimeItIsRead() {
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalStateException.class, () -> JsonText.roles("[1]"));
            assertThrows(IllegalStateException.class, () -> JsonText.roles("{\"a\":\"b\"}"));
            assertThrows(IllegalStateException.class, () -> JsonText.roles("[\"a\""));
            assertThrows(IllegalStateException.class, () -> JsonText.attributes("{\"a\":1}"));
            assertThrows(IllegalStateException.class, () -> JsonText.attributes("[\"a\"]"));
            assertThrows(IllegalStateException.class, () -> JsonText.attributes("not json"));
        }
    }

    @Test
    void moreDistinctTextsThanAreKeptAreStillReadCorrectly() {
        for (int i = 0; i < JsonText.REMEMBERED * 3; i++) {
            String role = "role-" + i;
            assertEquals(Set.of(role), JsonText.roles(JsonText.ofRoles(Set.of(role))));
            assertEquals(Map.of("n", role), JsonText.attributes(JsonText.ofAttributes(Map.of("n", role))));
        }
        assertTrue(JsonText.roles("[]").isEmpty());
        assertTrue(JsonText.attributes("{}").isEmpty());
    }
}
