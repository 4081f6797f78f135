package dev.bulwark.server.http;

import dev.bulwark.identity.AuthorizationCodeFlow;
import dev.bulwark.identity.AuthorizationRequest;
import dev.bulwark.identity.PendingLogins;
import dev.bulwark.identity.SqlPasswordStore;
import dev.bulwark.identity.TokenThrottle;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization endpoint (authorization code + PKCE): {@code GET} checks the request and shows the login page;
 * {@code POST action=login} checks the password (failures throttled like the token endpoint's) and shows the consent
 * page; {@code POST action=consent} issues the code and sends the browser to the client. Every post needs the login
 * cookie and the CSRF token of the page it came from. When interactive login is off, every request is refused.
 */
public final class AuthorizeServlet extends HttpServlet {
    private static final int MAX_FORM_BYTES = 16 * 1024;
    private final transient Optional<Parts> parts;

    /** What the endpoint needs when interactive login is on. */
    public record Parts(AuthorizationCodeFlow flow, PendingLogins logins, SqlPasswordStore passwords,
                        TokenThrottle throttle, GateAudit audit, boolean secureCookies,
                        Optional<FederationButton> federation) {}

    /**
     * The login page's button for the external identity provider.
     *
     * @param origin the provider's origin, allowed as a redirect target of the page's forms (CSP form-action)
     */
    public record FederationButton(String label, String origin) {}

    public AuthorizeServlet() {
        this.parts = Optional.empty();
    }

    public AuthorizeServlet(Parts parts) {
        this.parts = Optional.of(parts);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (parts.isEmpty()) {
            refuseAll(response);
            return;
        }
        Parts p = parts.get();
        Map<String, List<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> query.put(k, Arrays.asList(v)));
        switch (p.flow().check(query)) {
            case AuthorizationRequest.Outcome.Refused refused -> {
                p.audit().refused(AuditEventType.AUTHENTICATION, "oauth.authorize", null, "invalid_request", request,
                        Map.of("detail", refused.description()));
                LoginPages.problem(response, 400, refused.description());
            }
            case AuthorizationRequest.Outcome.Redirect redirect -> {
                p.audit().refused(AuditEventType.AUTHENTICATION, "oauth.authorize", null, redirect.error(), request,
                        Map.of("detail", redirect.description()));
                LoginPages.securityHeaders(response, "form-action 'none'");
                response.setStatus(303);
                response.setHeader("Location", redirect.url());
            }
            case AuthorizationRequest.Outcome.Valid valid -> {
                Optional<PendingLogins.Pending> started = p.logins().start(valid.request(), request.getRemoteAddr());
                if (started.isEmpty()) {
                    p.audit().refused(AuditEventType.AUTHENTICATION, "oauth.authorize", null, "THROTTLED", request,
                            Map.of("detail", "too many logins in progress"));
                    response.setHeader("Retry-After", "60");
                    LoginPages.problem(response, 429, "Too many logins are in progress from here; try again later.");
                    return;
                }
                PendingLogins.Pending pending = started.get();
                LoginCookie.set(response, pending.id(), p.secureCookies());
                LoginPages.login(response, 200, valid.request(), pending.csrf(), Optional.empty(),
                        p.federation());
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (parts.isEmpty()) {
            refuseAll(response);
            return;
        }
        Parts p = parts.get();
        Optional<PendingLogins.Pending> pending = pendingOf(request, p);
        if (pending.isEmpty()) {
            p.audit().refused(AuditEventType.AUTHENTICATION, "oauth.authorize", null, "csrf", request,
                    Map.of("detail", "missing or wrong login cookie or CSRF token"));
            LoginPages.problem(response, 403, "This form has expired or did not come from this page.");
            return;
        }
        String action = String.valueOf(request.getParameter("action"));
        if (action.equals("login")) {
            login(request, response, p, pending.get());
        } else if (action.equals("consent") && pending.get().userId().isPresent()) {
            consent(request, response, p, pending.get());
        } else {
            LoginPages.problem(response, 400, "Unknown step; start again from the application.");
        }
    }

    /** The login this browser is in, if the form carries its CSRF token; null-safe for missing parts. */
    static Optional<PendingLogins.Pending> pendingOf(HttpServletRequest request, Parts p) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || request.getContentLengthLong() > MAX_FORM_BYTES) {
            return Optional.empty();
        }
        Optional<String> id = LoginCookie.read(request);
        String csrf = request.getParameter("csrf");
        return id.isEmpty() || csrf == null ? Optional.empty() : p.logins().find(id.get(), csrf);
    }

    private void login(HttpServletRequest request, HttpServletResponse response, Parts p,
                       PendingLogins.Pending pending) throws IOException {
        String username = String.valueOf(request.getParameter("username"));
        String password = request.getParameter("password");
        Optional<String> key = validId(username);
        String source = request.getRemoteAddr();
        if (p.throttle().check(key, source) instanceof TokenThrottle.Verdict.Throttled throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfter().toSeconds()));
            if (throttled.first()) {
                p.audit().refused(AuditEventType.AUTHENTICATION, "oauth.login.throttled", null, "THROTTLED",
                        request, Map.of("scope", throttled.scope()));
            }
            LoginPages.login(response, 429, pending.request(), pending.csrf(),
                    Optional.of("Too many failed attempts. Wait " + throttled.retryAfter().toSeconds()
                            + " seconds and try again."), p.federation());
            return;
        }
        if (key.isEmpty() || !p.passwords().verify(key.get(), password)) {
            p.throttle().recordFailure(key, source);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("user", key.orElse("(invalid id)"));
            details.put("client", pending.request().client().clientId());
            p.audit().refused(AuditEventType.AUTHENTICATION, "oauth.login", pending.request().agent().id(),
                    "wrong user id or password", request, details);
            LoginPages.login(response, 401, pending.request(), pending.csrf(),
                    Optional.of("Wrong user id or password."), p.federation());
            return;
        }
        showConsent(response, p, pending, key.get());
    }

    /** The user is known (by password or by the identity provider): ask for consent. */
    static void showConsent(HttpServletResponse response, Parts p, PendingLogins.Pending pending, String userId)
            throws IOException {
        Optional<User> user = p.flow().user(userId);
        if (user.isEmpty()) {
            LoginPages.problem(response, 403, "This user is not registered at Bulwark.");
            return;
        }
        PendingLogins.Pending next = p.logins().loggedIn(pending, userId);
        LoginPages.consent(response, next.request(), user.get(), next.csrf());
    }

    private void consent(HttpServletRequest request, HttpServletResponse response, Parts p,
                         PendingLogins.Pending pending) throws IOException {
        if (!p.logins().finish(pending)) {
            LoginPages.problem(response, 409, "This login was already answered.");
            return;
        }
        LoginCookie.clear(response, p.secureCookies());
        AuthorizationRequest authz = pending.request();
        String user = pending.userId().orElseThrow();
        boolean allow = "allow".equals(request.getParameter("decision"));
        String url = allow ? p.flow().approve(authz, user) : p.flow().deny(authz);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("client", authz.client().clientId());
        details.put("clientName", GateAudit.truncate(authz.client().name(), 100));
        details.put("scopes", String.join(" ", new java.util.TreeSet<>(authz.scopes())));
        details.put("remote", request.getRemoteAddr());
        p.audit().append(new AuditEvent(p.audit().clock().instant(), AuditEventType.AUTHENTICATION,
                "oauth.consent", allow ? Outcome.SUCCEEDED : Outcome.DENIED, authz.agent().id(), user, null,
                allow ? "" : "user denied", details));
        LoginPages.securityHeaders(response, "form-action 'none'");
        response.setStatus(303);
        response.setHeader("Location", url);
    }

    private static Optional<String> validId(String id) {
        try {
            return Optional.of(Agent.requireValidId(id, "user id"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void refuseAll(HttpServletResponse response) throws IOException {
        JsonResponses.write(response, 400, JsonResponses.object().put("error", "unsupported_response_type")
                .put("error_description", "interactive login is off (identity.oauth.enabled); use "
                        + "client_credentials or token exchange at the token endpoint"));
    }
}
