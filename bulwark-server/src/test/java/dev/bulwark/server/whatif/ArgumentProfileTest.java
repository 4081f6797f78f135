package dev.bulwark.server.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which observed values become which Cedar condition; the cases are data ({@code whatif/argument-profiles.json}). */
class ArgumentProfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> cases() throws Exception {
        try (InputStream in = ArgumentProfileTest.class.getResourceAsStream("/whatif/argument-profiles.json")) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).forEach(out::add);
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void profilesTheValuesAsTheCaseSays(JsonNode c) {
        String name = c.path("argument").asText("a");
        List<Map<String, Object>> calls = new ArrayList<>();
        List<Boolean> redacted = new ArrayList<>();
        for (JsonNode v : c.path("values")) {
            Map<String, Object> call = new HashMap<>();
            if (!v.isNull()) {
                Object value = v.isIntegralNumber() ? (Object) v.asLong() : v.isTextual()
                        ? (v.asText().equals("LONG") ? "x".repeat(201) : v.asText())
                        : JSON.convertValue(v, Object.class);
                call.put(name, value);
            }
            calls.add(call);
            redacted.add(c.path("redacted").asBoolean(false));
        }

        ArgumentProfile profile = ArgumentProfile.of(name, calls, redacted, 5);

        if (c.has("condition")) {
            assertThat(profile.condition()).isEqualTo(c.path("condition").asText());
        } else {
            assertThat(profile.constrained()).isFalse();
            assertThat(profile.comment()).contains("not constrained").contains(c.path("reason").asText());
        }
    }
}
