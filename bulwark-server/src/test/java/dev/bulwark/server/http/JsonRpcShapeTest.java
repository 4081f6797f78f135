package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void idTextIsWhatJacksonWritesForEveryShapeOfId() throws Exception {
        List<String> ids = List.of("7", "-3", "0", "9223372036854775807", "-9223372036854775808",
                "92233720368547758070", "1.5", "1e3", "\"abc-1\"", "\"\"", "\"a b/c:d\"", "\"quo\\\"te\"",
                "\"back\\\\slash\"", "\"tab\\tnew\\nline\"", "\"nul\\u0000\"", "\"del\\u007f\"", "\"caf\\u00e9\"",
                "\"\\ud83d\\ude00\"", "\"\\u2028\"", "\"</script>\"", "null", "true", "{\"a\":1}", "[1]");
        for (String id : ids) {
            JsonNode node = JSON.readTree("{\"id\":" + id + "}").path("id");
            assertThat(JsonRpcShape.idText(node)).as(id).isEqualTo(node.toString());
        }
    }

    @Test
    void idTextOfAMissingIdIsWhatJacksonWrites() throws Exception {
        JsonNode missing = JSON.readTree("{\"params\":{}}").path("params").path("requestId");

        assertThat(JsonRpcShape.idText(missing)).isEqualTo(missing.toString());
    }

    @Test
    void differentIdsNeverShareAText() throws Exception {
        JsonNode number = JSON.readTree("{\"id\":1}").path("id");
        JsonNode string = JSON.readTree("{\"id\":\"1\"}").path("id");

        assertThat(JsonRpcShape.idText(number)).isNotEqualTo(JsonRpcShape.idText(string));
    }
}
