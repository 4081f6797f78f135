package dev.bulwark.identity;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes a token request at the token endpoint is granted: exactly those asked for, each of which must lie within
 * what the grant allows (its ceiling); unlike an authorization request ({@link ScopeNarrowing}), nothing is dropped.
 */
final class ScopeCeiling {
    private ScopeCeiling() {
    }

    /** The requested scopes, which must all lie within {@code ceiling}; all of {@code ceiling} when none requested. */
    static Set<String> grant(Optional<String> requested, Set<String> ceiling, String agentId) throws Refusal {
        if (requested.isEmpty()) {
            return ceiling;
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested.get().split(" ", -1)) {
            if (!TokenSettings.SCOPE_TOKEN.matcher(scope).matches()) {
                throw new Refusal(OAuthError.INVALID_SCOPE, "scope must be space-separated scope names",
                        "malformed scope", Optional.of(agentId));
            }
            if (!ceiling.contains(scope)) {
                throw new Refusal(OAuthError.INVALID_SCOPE, "scope '" + scope + "' cannot be granted",
                        "scope not allowed: " + scope, Optional.of(agentId));
            }
            scopes.add(scope);
        }
        return scopes;
    }
}
