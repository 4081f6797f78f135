package dev.bulwark.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Holds back error bodies the MCP servlet writes (status 400 and above) and replaces them with a plain JSON-RPC
 * error. The SDK serializes its exception object, stack trace and all, into such bodies; class names and line
 * numbers are not for callers. Successful answers (JSON and SSE streams) pass through untouched.
 */
final class ErrorSanitizingResponse extends HttpServletResponseWrapper {
    private CharArrayWriter held;
    private PrintWriter heldWriter;

    ErrorSanitizingResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (getStatus() < 400) {
            return super.getWriter();
        }
        if (heldWriter == null) {
            held = new CharArrayWriter();
            heldWriter = new PrintWriter(held);
        }
        return heldWriter;
    }

    /** Writes the sanitized error if one was held back. Call once the servlet has returned. */
    void finish() throws IOException {
        finish(false);
    }

    /**
     * @param acceptOnly the message was a notification or a response: an error the SDK held back becomes a bare
     *                   202 Accepted, as the transport specifies for messages that expect no answer
     */
    void finish(boolean acceptOnly) throws IOException {
        if (held == null) {
            return;
        }
        if (acceptOnly && !isCommitted()) {
            HttpServletResponse real = (HttpServletResponse) getResponse();
            real.reset();
            real.setStatus(202);
            return;
        }
        heldWriter.flush();
        int code = -32603;
        String message = "request failed";
        try {
            JsonNode error = JsonResponses.JSON.readTree(held.toString());
            JsonNode rpc = error.path("jsonRpcError");
            if (rpc.path("code").isInt()) {
                code = rpc.get("code").asInt();
            }
            String text = rpc.path("message").asText(error.path("message").asText(""));
            if (!text.isBlank()) {
                message = GateAudit.truncate(text, 300);
            }
        } catch (IOException | RuntimeException e) {
            // Not the SDK's JSON: the generic message stands.
        }
        HttpServletResponse real = (HttpServletResponse) getResponse();
        JsonResponses.jsonRpcError(real, real.getStatus(), null, code, message);
    }
}
