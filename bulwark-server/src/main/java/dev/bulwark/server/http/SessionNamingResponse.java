package dev.bulwark.server.http;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.function.Consumer;

/** Sees the {@code Mcp-Session-Id} the MCP servlet sets on an {@code initialize} answer, as it is set. */
final class SessionNamingResponse extends HttpServletResponseWrapper {
    private static final String HEADER = "Mcp-Session-Id";
    private final Consumer<String> named;

    SessionNamingResponse(HttpServletResponse response, Consumer<String> named) {
        super(response);
        this.named = named;
    }

    @Override
    public void setHeader(String name, String value) {
        if (HEADER.equalsIgnoreCase(name) && value != null) {
            named.accept(value);
        }
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if (HEADER.equalsIgnoreCase(name) && value != null) {
            named.accept(value);
        }
        super.addHeader(name, value);
    }
}
