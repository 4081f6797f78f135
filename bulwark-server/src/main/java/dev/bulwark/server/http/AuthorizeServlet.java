package dev.bulwark.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The authorization endpoint exists for metadata completeness only: agents authenticate with client credentials
 * or token exchange, never through a browser redirect, so every request is refused.
 */
public final class AuthorizeServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonResponses.write(response, 400, JsonResponses.object().put("error", "unsupported_response_type")
                .put("error_description", "interactive authorization is not offered; use client_credentials "
                        + "or token exchange at the token endpoint"));
    }
}
