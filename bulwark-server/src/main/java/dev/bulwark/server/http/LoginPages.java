package dev.bulwark.server.http;

import dev.bulwark.identity.AuthorizationRequest;
import dev.bulwark.identity.OAuthClient;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The login and consent pages: plain HTML without script or style, every value escaped, served with a strict CSP
 * (nothing may load; forms may post only to this origin and, on the consent page, redirect only to the client's own
 * redirect URI), no framing, no caching and no referrer.
 */
final class LoginPages {
    static final String CSP_BASE = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private LoginPages() {}

    static void login(HttpServletResponse response, int status, AuthorizationRequest request, String csrf,
                      Optional<String> problem, Optional<AuthorizeServlet.FederationButton> federation)
            throws IOException {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Log in to Bulwark</h1>");
        body.append("<p>").append(esc(request.client().name())).append(" wants to act for you.</p>");
        problem.ifPresent(p -> body.append("<p role=\"alert\"><strong>").append(esc(p)).append("</strong></p>"));
        body.append("<form method=\"post\" action=\"/oauth/authorize\">")
                .append(hidden("csrf", csrf)).append(hidden("action", "login"))
                .append("<p><label>User id <input name=\"username\" autocomplete=\"username\" required></label></p>")
                .append("<p><label>Password <input name=\"password\" type=\"password\""
                        + " autocomplete=\"current-password\" required></label></p>")
                .append("<p><button type=\"submit\">Log in</button></p></form>");
        federation.ifPresent(f -> body.append("<form method=\"post\" action=\"/oauth/federated/start\">")
                .append(hidden("csrf", csrf)).append("<p><button type=\"submit\">Log in with ")
                .append(esc(f.label())).append("</button></p></form>"));
        // The provider's form posts here and is redirected there: CSP form-action covers the redirect too.
        write(response, status, "Log in", body, "form-action 'self'" + federation.map(f -> " " + f.origin())
                .orElse(""));
    }

    static void consent(HttpServletResponse response, AuthorizationRequest request, User user, String csrf)
            throws IOException {
        OAuthClient client = request.client();
        Agent agent = request.agent();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Allow access?</h1>");
        body.append("<p>You are logged in as <strong>").append(esc(user.id())).append("</strong>.</p>");
        body.append("<p>The application <strong>").append(esc(client.name()))
                .append("</strong> (a name it chose itself; client id <code>").append(esc(client.clientId()))
                .append("</code>) asks to act for you through the agent <strong>").append(esc(agent.id()))
                .append("</strong> (owner: ").append(esc(agent.owner())).append(").</p>");
        body.append("<p>It will be able to:</p><ul>");
        body.append("<li>use the scopes: <code>").append(esc(String.join(" ", new TreeSet<>(request.scopes()))))
                .append("</code></li>");
        body.append("<li>call the tools, resources and prompts that <em>both</em> you (roles: ")
                .append(esc(roles(user.roles()))).append(") and the agent ").append(esc(agent.id()))
                .append(" (roles: ").append(esc(roles(agent.roles())))
                .append(") are allowed by policy; never more than either of you</li>");
        body.append("<li>keep this access, renewing it by itself, until this login expires or an administrator ends"
                + " it</li></ul>");
        body.append("<p>After your answer you will be sent to <code>").append(esc(request.redirectUri()))
                .append("</code>.</p>");
        body.append("<form method=\"post\" action=\"/oauth/authorize\">").append(hidden("csrf", csrf))
                .append(hidden("action", "consent"))
                .append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> ")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>");
        write(response, 200, "Allow access?", body, "form-action 'self' " + cspSource(request.redirectUri()));
    }

    static void problem(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, "Cannot continue", new StringBuilder("<h1>Cannot continue</h1><p>")
                .append(esc(message)).append("</p><p>Go back to the application and start again.</p>"),
                "form-action 'none'");
    }

    /** The CSP source of a redirect URI: its origin, or its scheme for a private-use scheme. */
    static String cspSource(String redirectUri) {
        URI uri = URI.create(redirectUri);
        if (uri.getHost() == null) {
            return uri.getScheme() + ":";
        }
        // URI.getHost() keeps the brackets of an IPv6 literal.
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    static void securityHeaders(HttpServletResponse response, String formAction) {
        response.setHeader("Content-Security-Policy", CSP_BASE + "; " + formAction);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    private static void write(HttpServletResponse response, int status, String title, StringBuilder body,
                              String formAction) throws IOException {
        securityHeaders(response, formAction);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title></head><body>" + body + "</body></html>";
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    private static String roles(java.util.Set<String> roles) {
        return roles.isEmpty() ? "none" : String.join(", ", new TreeSet<>(roles));
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
