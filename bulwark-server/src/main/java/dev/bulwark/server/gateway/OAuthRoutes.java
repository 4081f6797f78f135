package dev.bulwark.server.gateway;

import dev.bulwark.server.http.AuthorizeServlet;
import dev.bulwark.server.http.DiscoveryServlet;
import dev.bulwark.server.http.FederationServlet;
import dev.bulwark.server.http.GateAudit;
import dev.bulwark.server.http.RegistrationServlet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** Mounts the interactive-login endpoints: authorization, registration (when an agent is configured for it). */
final class OAuthRoutes {
    private OAuthRoutes() {}

    private static String origin(java.net.URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    static void mount(ServletContextHandler context, Gateway gateway, GateAudit audit) {
        Optional<InteractiveLogin> oauth = gateway.identity().oauth();
        if (oauth.isEmpty()) {
            context.addServlet(new ServletHolder(new AuthorizeServlet()), DiscoveryServlet.AUTHORIZATION_ENDPOINT);
            return;
        }
        InteractiveLogin login = oauth.get();
        boolean secure = gateway.baseUrl().startsWith("https:");
        AuthorizeServlet.Parts parts = new AuthorizeServlet.Parts(login.flow(), login.logins(),
                gateway.identity().passwords(), login.throttle(), audit, secure, login.federation().map(f ->
                        new AuthorizeServlet.FederationButton(f.label(), origin(f.issuer()))));
        context.addServlet(new ServletHolder(new AuthorizeServlet(parts)), DiscoveryServlet.AUTHORIZATION_ENDPOINT);
        login.federation().ifPresent(f -> context.addServlet(new ServletHolder(
                new FederationServlet(parts, f.relyingParty())), FederationServlet.PATH + "/*"));
        // Registrations get their own throttle: counting successes there must not lock users out of logging in.
        dev.bulwark.identity.TokenThrottle registrations = new dev.bulwark.identity.TokenThrottle(
                gateway.config().identity().throttle().settings(), java.time.Clock.systemUTC());
        login.registrationAgent().ifPresent(agent -> {
            if (gateway.identity().agents().find(agent).isEmpty()) {
                org.slf4j.LoggerFactory.getLogger(OAuthRoutes.class).warn("identity.oauth.registrationAgent names no"
                        + " registered agent ({}): logins of registered clients are refused until it exists", agent);
            }
            context.addServlet(new ServletHolder(new RegistrationServlet(login.clients(), agent, registrations,
                    audit)), RegistrationServlet.PATH);
        });
    }
}
