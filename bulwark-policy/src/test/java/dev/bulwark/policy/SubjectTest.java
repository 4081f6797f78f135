package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.policy.Subject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A subject's id reaches Cedar as an entity id: it is checked when the subject is made, never later. */
class SubjectTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a\nb", "a\u0000b", "tab\there", "del\u007f"})
    void refusesBlankIdsAndControlCharacters(String id) {
        assertThatThrownBy(() -> Subject.resource(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesIdsLongerThanTheBound() {
        assertThat(Subject.resource("x://" + "a".repeat(Subject.MAX_ID_CHARS - 4)).id())
                .hasSize(Subject.MAX_ID_CHARS);
        assertThatThrownBy(() -> Subject.resource("x://" + "a".repeat(Subject.MAX_ID_CHARS)))
                .hasMessageContaining(String.valueOf(Subject.MAX_ID_CHARS));
        assertThatThrownBy(() -> new Subject(null, "x://1")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void keepsQuotesAndBracesAsDataOfTheEntityId() {
        Subject subject = Subject.resource("x://{id}/\"quoted\"");
        assertThat(subject.type().entityType()).isEqualTo("Bulwark::Resource");
        assertThat(Subject.prompt("up.p").type().entityType()).isEqualTo("Bulwark::Prompt");
    }
}
