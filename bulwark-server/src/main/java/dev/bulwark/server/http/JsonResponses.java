package dev.bulwark.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes JSON bodies and JSON-RPC errors. */
public final class JsonResponses {
    public static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {}

    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A JSON-RPC error response; {@code id} is {@code null} when the request's id could not be read. */
    public static void jsonRpcError(HttpServletResponse response, int httpStatus, Object id, int code, String message)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.set("id", JSON.valueToTree(id));
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        write(response, httpStatus, body);
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
