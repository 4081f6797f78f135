package dev.bulwark.server.http;

import dev.bulwark.identity.OidcFederation;
import dev.bulwark.identity.PendingLogins;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Login at the external OpenID provider: {@code POST /oauth/federated/start} (from the login page, with its CSRF token)
 * sends the browser to the provider; {@code GET /oauth/federated/callback} takes it back, has the provider's answer
 * checked ({@link OidcFederation}) and shows the consent page. The callback is accepted only in the browser that
 * started the login (its login cookie must name the login the provider's {@code state} belongs to), so an attacker
 * cannot finish their own provider login in a victim's browser.
 */
public final class FederationServlet extends HttpServlet {
    public static final String PATH = "/oauth/federated";
    public static final String CALLBACK = PATH + "/callback";
    private final transient AuthorizeServlet.Parts parts;
    private final transient OidcFederation federation;

    public FederationServlet(AuthorizeServlet.Parts parts, OidcFederation federation) {
        this.parts = parts;
        this.federation = federation;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getRequestURI().equals(PATH + "/start")) {
            LoginPages.problem(response, 404, "Not found.");
            return;
        }
        Optional<PendingLogins.Pending> pending = AuthorizeServlet.pendingOf(request, parts);
        if (pending.isEmpty()) {
            parts.audit().refused(AuditEventType.AUTHENTICATION, "oauth.federated.start", null, "csrf", request,
                    Map.of("detail", "missing or wrong login cookie or CSRF token"));
            LoginPages.problem(response, 403, "This form has expired or did not come from this page.");
            return;
        }
        String url;
        try {
            url = federation.start(pending.get().id()).toString();
        } catch (RuntimeException e) {
            parts.audit().refused(AuditEventType.AUTHENTICATION, "oauth.federated.start", null, "idp_unavailable",
                    request, Map.of("detail", GateAudit.truncate(String.valueOf(e.getMessage()), 200)));
            LoginPages.problem(response, 502, "The identity provider cannot be reached; try again later.");
            return;
        }
        LoginPages.securityHeaders(response, "form-action 'none'");
        response.setStatus(303);
        response.setHeader("Location", url);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getRequestURI().equals(CALLBACK)) {
            LoginPages.problem(response, 404, "Not found.");
            return;
        }
        if (request.getParameter("error") != null) {
            // The provider refused (or the user cancelled); its state is spent so it cannot be replayed.
            federation.finish(request.getParameter("state"), null);
            refuse(request, response, "the identity provider answered "
                    + GateAudit.truncate(request.getParameter("error"), 60));
            return;
        }
        OidcFederation.Outcome outcome = federation.finish(request.getParameter("state"),
                request.getParameter("code"));
        if (outcome instanceof OidcFederation.Outcome.Refused refused) {
            refuse(request, response, refused.reason());
            return;
        }
        OidcFederation.Outcome.LoggedIn in = (OidcFederation.Outcome.LoggedIn) outcome;
        Optional<String> cookie = LoginCookie.read(request);
        Optional<PendingLogins.Pending> pending = parts.logins().byId(in.pendingLogin());
        if (pending.isEmpty() || cookie.isEmpty() || !cookie.get().equals(in.pendingLogin())) {
            refuse(request, response, "the login was started in another browser or has expired");
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subject", GateAudit.truncate(in.subject(), 200));
        details.put("client", pending.get().request().client().clientId());
        details.put("remote", request.getRemoteAddr());
        parts.audit().append(new AuditEvent(parts.audit().clock().instant(), AuditEventType.AUTHENTICATION,
                "oauth.federated.login", Outcome.SUCCEEDED, pending.get().request().agent().id(), in.userId(), null,
                "", details));
        AuthorizeServlet.showConsent(response, parts, pending.get(), in.userId());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        parts.audit().refused(AuditEventType.AUTHENTICATION, "oauth.federated.login", null, "refused", request,
                Map.of("detail", GateAudit.truncate(reason, 300)));
        LoginPages.problem(response, 403, "The login at the identity provider was not accepted.");
    }
}
