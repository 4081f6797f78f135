package dev.bulwark.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bulwark as the OpenID Connect relying party of one external identity provider (Keycloak, Okta, Entra ID, Google),
 * with the Nimbus OAuth 2.0 / OIDC SDK: discovery (the document must name the configured issuer), the code flow with
 * PKCE (S256), {@code state} and {@code nonce}, and the ID token checked by the SDK's validator: signature against the
 * provider's JWKS, {@code iss}, {@code aud} = our client id, {@code exp}/{@code iat} with the clock skew, and the
 * nonce of this login. Only the ID token is used; the provider's access token is dropped. The provider's subject is
 * mapped to a Bulwark user by configuration; an unknown subject is refused unless auto-provisioning is on.
 *
 * <p>Fetches (discovery, token, JWKS) have 5-second connect and read timeouts and the JWKS is read up to 256 KB. The
 * provider's URLs are an administrator's configuration, not user input, so they are not screened as egress.
 */
public final class OidcFederation {
    static final int TIMEOUT_MS = 5000;
    private final Settings settings;
    private final SqlUserStore users;
    private final Cache<String, Attempt> attempts = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private volatile Provider provider;

    /**
     * @param callback      Bulwark's redirect URI registered at the provider
     * @param subjects      provider subject to Bulwark user id
     * @param autoProvision register an unknown subject as a user (id = the subject, if it is a valid id)
     */
    public record Settings(URI issuer, String clientId, Optional<String> clientSecret, URI callback,
                           Map<String, String> subjects, boolean autoProvision, Set<String> provisionRoles) {
        public Settings {
            Checks.present(issuer, "issuer");
            Checks.nonBlank(clientId, "clientId");
            Checks.present(clientSecret, "clientSecret");
            Checks.present(callback, "callback");
            subjects = Map.copyOf(Checks.present(subjects, "subjects"));
            subjects.values().forEach(u -> Agent.requireValidId(u, "mapped user id"));
            provisionRoles = Set.copyOf(Checks.present(provisionRoles, "provisionRoles"));
        }
    }

    /** A login at the provider in progress: which Bulwark login it belongs to, and its secrets. */
    private record Attempt(String pendingLogin, Nonce nonce, CodeVerifier verifier) {}

    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    /** How a return from the provider ended. */
    public sealed interface Outcome {
        record LoggedIn(String pendingLogin, String userId, String subject) implements Outcome {}

        record Refused(String reason) implements Outcome {}
    }

    public OidcFederation(Settings settings, SqlUserStore users) {
        this.settings = Checks.present(settings, "settings");
        this.users = Checks.present(users, "users");
    }

    /** The provider's authorization URL for the Bulwark login {@code pendingLogin}. */
    public URI start(String pendingLogin) {
        Provider p = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        attempts.put(state.getValue(), new Attempt(pendingLogin, nonce, verifier));
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(settings.clientId()), settings.callback())
                .endpointURI(p.metadata().getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
    }

    /** The browser came back with {@code code} and {@code state}; the state is single-use. */
    public Outcome finish(String state, String code) {
        Attempt attempt = state == null || state.length() > 256 ? null : attempts.asMap().remove(state);
        if (attempt == null) {
            return new Outcome.Refused("unknown or already used state");
        }
        if (code == null || code.isEmpty() || code.length() > 4096) {
            return new Outcome.Refused("no authorization code from the provider");
        }
        try {
            Provider p = provider();
            AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code),
                    settings.callback(), attempt.verifier());
            ClientID client = new ClientID(settings.clientId());
            TokenRequest request = settings.clientSecret().isPresent()
                    ? new TokenRequest(p.metadata().getTokenEndpointURI(),
                            new ClientSecretBasic(client, new Secret(settings.clientSecret().get())), grant)
                    : new TokenRequest(p.metadata().getTokenEndpointURI(), client, grant);
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            HTTPResponse response = http.send();
            var parsed = OIDCTokenResponseParser.parse(response);
            if (!parsed.indicatesSuccess()) {
                return new Outcome.Refused("the provider refused the code: "
                        + parsed.toErrorResponse().getErrorObject().getCode());
            }
            JWT idToken = ((OIDCTokenResponse) parsed.toSuccessResponse()).getOIDCTokens().getIDToken();
            if (idToken == null) {
                return new Outcome.Refused("the provider sent no ID token");
            }
            IDTokenClaimsSet claims = p.validator().validate(idToken, attempt.nonce());
            String subject = claims.getSubject().getValue();
            return userFor(subject).<Outcome>map(u -> new Outcome.LoggedIn(attempt.pendingLogin(), u, subject))
                    .orElseGet(() -> new Outcome.Refused("subject " + subject + " is not mapped to a Bulwark user"));
        } catch (Exception e) {
            return new Outcome.Refused("the provider's answer was not accepted: " + e.getMessage());
        }
    }

    /** The Bulwark user for a provider subject: the configured mapping, else (when on) a provisioned user. */
    Optional<String> userFor(String subject) {
        String mapped = settings.subjects().get(subject);
        if (mapped != null) {
            return users.find(mapped).map(u -> u.id());
        }
        if (!settings.autoProvision()) {
            return Optional.empty();
        }
        try {
            String id = Agent.requireValidId(subject, "provisioned user id");
            String issuer = settings.issuer().toString();
            Optional<dev.bulwark.spi.identity.User> existing = users.find(id);
            if (existing.isEmpty()) {
                users.register(id, settings.provisionRoles(), Map.of("idp", issuer));
                return Optional.of(id);
            }
            // A subject is only the account this provider provisioned for it: never a user an administrator created
            // (or mapped another subject to), nor one provisioned from another provider, that bears the same id.
            return issuer.equals(existing.get().attributes().get("idp")) && !settings.subjects().containsValue(id)
                    ? Optional.of(id) : Optional.empty();
        } catch (RuntimeException e) {
            // A subject that is not a valid id, or an id held by an agent: refuse rather than guess.
            return Optional.empty();
        }
    }

    /** Discovery, once; retried on the next login if it failed. */
    private Provider provider() {
        Provider p = provider;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (provider == null) {
                try {
                    OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(
                            new Issuer(settings.issuer().toString()), TIMEOUT_MS, TIMEOUT_MS);
                    List<JWSAlgorithm> algs = metadata.getIDTokenJWSAlgs();
                    // RS256 is what every provider must support (OIDC Core §15.1); otherwise the first one it lists.
                    JWSAlgorithm alg = algs == null || algs.isEmpty() || algs.contains(JWSAlgorithm.RS256)
                            ? JWSAlgorithm.RS256 : algs.getFirst();
                    IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(),
                            new ClientID(settings.clientId()), alg, metadata.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 256 * 1024));
                    validator.setMaxClockSkew(30);
                    provider = new Provider(metadata, validator);
                } catch (Exception e) {
                    throw new IllegalStateException("the identity provider " + settings.issuer()
                            + " could not be discovered: " + e.getMessage(), e);
                }
            }
            return provider;
        }
    }
}
