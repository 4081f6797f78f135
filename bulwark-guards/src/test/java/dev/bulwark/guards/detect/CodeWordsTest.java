package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeWordsTest {
    /** Whether the word starting at {@code word}'s first occurrence in {@code text} reads as part of an identifier. */
    private static boolean identifier(String text, String word) {
        WordTokens t = WordTokens.of(text, ProperNounCues.table(WordLists.shared()));
        int at = text.indexOf(word);
        for (int k = 0; k < t.count; k++) {
            if (t.start[k] == at) {
                return CodeWords.identifier(t, k);
            }
        }
        throw new AssertionError("no word at " + at + " in " + text);
    }

    @Test
    void identifiersInCodeAreCodeWords() {
        assertThat(identifier("env SPRING_PROFILES_ACTIVE set", "PROFILES")).isTrue();
        assertThat(identifier("env SPRING_PROFILES_ACTIVE set", "SPRING")).isTrue();
        assertThat(identifier("no such column: Customer.LastName", "LastName")).isTrue();
        assertThat(identifier("no such column: Customer.LastName", "Customer")).isTrue();
        assertThat(identifier("class CreateCustomerRequest {", "CreateCustomerRequest")).isTrue();
        assertThat(identifier("name VARCHAR(100)", "VARCHAR")).isTrue();
        assertThat(identifier("at c.e.orders.OrdersApplication", "OrdersApplication")).isTrue();
    }

    @Test
    void namesWithInnerCapitalsOrInitialsAreNot() {
        assertThat(identifier("Call Ronald McDonald today", "McDonald")).isFalse();
        assertThat(identifier("Ask Ewan MacGregor", "MacGregor")).isFalse();
        assertThat(identifier("Thanks, DeShawn", "DeShawn")).isFalse();
        assertThat(identifier("Leonardo DiCaprio said", "DiCaprio")).isFalse();
        assertThat(identifier("The U.N. office", "N.")).isFalse();
        assertThat(identifier("Dear Anna, hello.", "Anna")).isFalse();
        assertThat(identifier("It ended. Then Maria left", "Maria")).isFalse();
    }
}
