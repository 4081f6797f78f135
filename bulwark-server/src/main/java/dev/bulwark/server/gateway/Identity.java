package dev.bulwark.server.gateway;

import dev.bulwark.identity.AuthorizationCodeFlow;
import dev.bulwark.identity.ClientMetadataDocuments;
import dev.bulwark.identity.CodeGrants;
import dev.bulwark.identity.OAuthClients;
import dev.bulwark.identity.Ed25519KeySet;
import dev.bulwark.identity.PendingLogins;
import dev.bulwark.identity.SqlOAuthClients;
import dev.bulwark.identity.SqlPasswordStore;
import dev.bulwark.identity.JwtAuthenticator;
import dev.bulwark.identity.SqlAgentStore;
import dev.bulwark.identity.SqlRevocationList;
import dev.bulwark.identity.SqlUserStore;
import dev.bulwark.identity.TokenEndpoint;
import dev.bulwark.identity.TokenSettings;
import dev.bulwark.identity.TokenThrottle;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.FederationSettings;
import dev.bulwark.server.config.OAuthSettings;
import dev.bulwark.server.http.FederationServlet;
import dev.bulwark.identity.OidcFederation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The identity services over one database and key set. */
public record Identity(SqlAgentStore agents, SqlUserStore users, SqlRevocationList revocations, Ed25519KeySet keys,
                       TokenSettings settings, TokenEndpoint tokens, JwtAuthenticator authenticator,
                       TokenThrottle throttle, SqlPasswordStore passwords, Optional<InteractiveLogin> oauth) {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Identity.class);

    public static Identity open(DataSource db, Path keysDir, BulwarkConfig config, String issuer, String audience) {
        SqlAgentStore agents = new SqlAgentStore(db);
        SqlUserStore users = new SqlUserStore(db);
        SqlRevocationList revocations = new SqlRevocationList(db);
        Ed25519KeySet keys = Ed25519KeySet.openOrCreate(keysDir.resolve("token-signing.jwks.json"));
        TokenSettings defaults = TokenSettings.of(issuer, audience);
        // The configured lifetimes are maxima the verifier enforces too: no token living longer is accepted.
        TokenSettings settings = new TokenSettings(issuer, audience, config.identity().tokenLifetime(),
                config.identity().userTokenLifetime(), config.identity().skew(), defaults.maxTokenLength(),
                defaults.allowedScopes());
        SqlPasswordStore passwords = new SqlPasswordStore(db, users, Clock.systemUTC());
        Optional<InteractiveLogin> oauth = Optional.empty();
        Optional<CodeGrants> codeGrants = Optional.empty();
        OAuthSettings o = config.identity().oauth();
        if (o.enabled()) {
            SqlOAuthClients clients = new SqlOAuthClients(db, Clock.systemUTC());
            OAuthClients known = o.clientMetadataDocuments()
                    ? clients.orElse(new ClientMetadataDocuments(new MetadataDocumentFetch(), o.registrationAgent(),
                            Clock.systemUTC()))
                    : clients;
            AuthorizationCodeFlow flow = new AuthorizationCodeFlow(known, agents, users, db, settings,
                    o.codeLifetime(), Clock.systemUTC());
            CodeGrants grants = new CodeGrants(flow, known, agents, users, revocations, db, settings,
                    o.refreshLifetime(), Clock.systemUTC());
            codeGrants = Optional.of(grants);
            oauth = Optional.of(new InteractiveLogin(clients, flow, grants, new PendingLogins(10_000),
                    new TokenThrottle(config.identity().throttle().settings(), Clock.systemUTC()),
                    Optional.ofNullable(o.registrationAgent()),
                    Optional.ofNullable(o.federation()).map(f -> federation(f, issuer, users))));
        }
        TokenEndpoint tokens = new TokenEndpoint(keys, settings, agents, users, revocations, Clock.systemUTC(),
                codeGrants);
        JwtAuthenticator authenticator = new JwtAuthenticator(keys, settings, agents, users, revocations);
        List<String> ambiguous = users.ambiguousIds();
        if (!ambiguous.isEmpty()) {
            // Written before agents and users shared one id space; still distinct principals everywhere, but confusing.
            LOG.warn("ids registered both as an agent and as a user (retire one of each): {}", ambiguous);
        }
        TokenThrottle throttle = new TokenThrottle(config.identity().throttle().settings(), Clock.systemUTC());
        return new Identity(agents, users, revocations, keys, settings, tokens, authenticator, throttle, passwords,
                oauth);
    }

    private static InteractiveLogin.Federation federation(FederationSettings f, String baseUrl, SqlUserStore users) {
        java.net.URI issuer = java.net.URI.create(f.issuer());
        OidcFederation rp = new OidcFederation(new OidcFederation.Settings(issuer, f.clientId(),
                Optional.ofNullable(f.clientSecret()).filter(s -> !s.isBlank()),
                java.net.URI.create(baseUrl + FederationServlet.CALLBACK), f.subjects(), f.autoProvision(),
                java.util.Set.copyOf(f.provisionRoles())), users);
        return new InteractiveLogin.Federation(rp, f.displayName(), issuer);
    }
}
