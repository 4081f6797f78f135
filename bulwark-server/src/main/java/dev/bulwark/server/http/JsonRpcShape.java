package dev.bulwark.server.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Structural checks of a JSON-RPC 2.0 message, before the SDK sees it. */
final class JsonRpcShape {
    private JsonRpcShape() {}

    /** What is wrong with the message, or {@code null} when it is a well-formed single request, notification or response. */
    static String problem(JsonNode m) {
        if (m == null || m.isMissingNode()) {
            return "empty body";
        }
        if (m.isArray()) {
            return "batches are not supported";
        }
        if (!m.isObject()) {
            return "message must be a JSON object";
        }
        if (!"2.0".equals(m.path("jsonrpc").textValue())) {
            return "jsonrpc must be \"2.0\"";
        }
        JsonNode id = m.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
            return "id must be a string or an integer";
        }
        JsonNode method = m.get("method");
        if (method == null) {
            boolean response = m.has("result") || m.has("error");
            return response && id != null ? null : "method is required";
        }
        if (!method.isTextual() || method.textValue().isEmpty() || method.textValue().length() > 256) {
            return "method must be a non-empty string";
        }
        if (id != null && id.isNull()) {
            // Only a response may carry a null id; a request with one is neither a request nor a notification.
            return "a request's id must not be null";
        }
        JsonNode params = m.get("params");
        if (params != null && !params.isObject()) {
            return "params must be an object";
        }
        if (method.textValue().equals("tools/call")) {
            if (params == null || !params.path("name").isTextual()) {
                return "tools/call needs params.name";
            }
            JsonNode args = params.get("arguments");
            if (args != null && !args.isObject() && !args.isNull()) {
                return "tools/call params.arguments must be an object";
            }
        }
        return null;
    }

    static Object idOrNull(JsonNode m) {
        if (m == null || !m.isObject()) {
            return null;
        }
        JsonNode id = m.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        return id.isIntegralNumber() ? (Object) id.longValue() : id.asText();
    }

    /**
     * A request id as JSON text, exactly what {@link JsonNode#toString()} writes (ids are matched by this text, so
     * cancellation finds its call): integers and strings of printable ASCII without quote or backslash are written
     * here, per call, without Jackson's serializer; anything else goes through it.
     */
    static String idText(JsonNode id) {
        if (id.isInt() || id.isLong()) {
            return Long.toString(id.longValue());
        }
        if (id.isTextual() && printableWithoutEscapes(id.textValue())) {
            return '"' + id.textValue() + '"';
        }
        return id.toString();
    }

    private static boolean printableWithoutEscapes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
