package dev.bulwark.server.config;

import java.util.List;
import java.util.Map;

/**
 * An external OpenID Connect provider (Keycloak, Okta, Entra ID, Google) users may log in at. Bulwark is its relying
 * party: it trusts the provider for who the user is, and issues its own short-lived tokens.
 *
 * @param issuer        the provider's issuer URL; its discovery document is read from
 *                      {@code <issuer>/.well-known/openid-configuration} and must name the same issuer
 * @param clientId      Bulwark's client id at the provider
 * @param clientSecret  Bulwark's client secret there ({@code ${ENV}} recommended); empty for a public client
 * @param displayName   the button label on the login page (default "your organisation's login")
 * @param subjects      provider subject ({@code sub}) to Bulwark user id; a subject not listed is refused unless
 *                      {@code autoProvision}
 * @param autoProvision register an unknown subject as a new user (id derived from the subject) with
 *                      {@code provisionRoles}; off by default
 */
public record FederationSettings(String issuer, String clientId, String clientSecret, String displayName,
                                 Map<String, String> subjects, Boolean autoProvision, List<String> provisionRoles) {
    public FederationSettings {
        if (issuer == null || issuer.isBlank() || clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("identity.oauth.federation needs issuer and clientId");
        }
        clientSecret = Environment.expand(clientSecret, "identity.oauth.federation.clientSecret");
        displayName = displayName == null || displayName.isBlank() ? "your organisation's login" : displayName;
        subjects = subjects == null ? Map.of() : Map.copyOf(subjects);
        autoProvision = autoProvision != null && autoProvision;
        provisionRoles = provisionRoles == null ? List.of() : List.copyOf(provisionRoles);
    }
}
