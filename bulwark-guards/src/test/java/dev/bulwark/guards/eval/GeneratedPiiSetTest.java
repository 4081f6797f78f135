package dev.bulwark.guards.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedPiiSetTest {
    /** The committed file is what the generator makes from its default seed: anyone can rebuild and check it. */
    @Test
    void theCommittedSetIsReproducible() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode made = json.valueToTree(GeneratedPiiSet.generate(4, 20261207L));
        JsonNode committed;
        try (InputStream in = getClass().getResourceAsStream("/pii-eval-datafaker/datafaker_pii_set.json")) {
            committed = json.readTree(in);
        }
        assertThat(made).isEqualTo(committed);
    }

    @Test
    void everyLabelCoversTheTextItNames() {
        for (Map<String, Object> sample : GeneratedPiiSet.generate(1, 7L)) {
            String text = (String) sample.get("full_text");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> spans = (List<Map<String, Object>>) sample.get("spans");
            for (Map<String, Object> span : spans) {
                assertThat(text.substring((Integer) span.get("start_position"), (Integer) span.get("end_position")))
                        .isEqualTo(span.get("entity_value")).isNotBlank();
            }
        }
    }

    @Test
    void noTemplateIsTakenFromTheSharedSet() throws IOException {
        List<LabelledText> shared;
        try (InputStream in = getClass().getResourceAsStream("/pii-eval/synth_dataset_v2.json")) {
            shared = PiiEvaluation.read(in);
        }
        for (String template : GeneratedPiiSet.TEMPLATES) {
            // The longest run of template text between slots.
            String longest = "";
            for (String piece : template.split("\\{[A-Z_]+\\}")) {
                longest = piece.trim().length() > longest.length() ? piece.trim() : longest;
            }
            String words = longest;
            if (words.length() >= 20) {
                assertThat(shared).as(template).noneMatch(s -> s.text().contains(words));
            }
        }
    }
}
