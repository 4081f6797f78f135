package dev.bulwark.identity;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scopes an authorization request is granted (RFC 6749 §3.3: the server may issue a narrower scope than asked).
 * Real MCP clients ask for {@code offline_access} or scopes of other servers; refusing them would stop the login, so
 * scopes Bulwark does not offer are dropped, never granted. A malformed scope string is still refused.
 */
final class ScopeNarrowing {
    /** Asked for by many clients; a no-op here because a refresh token is issued with every code redemption. */
    static final String OFFLINE_ACCESS = "offline_access";
    /** More scope tokens than this in one request is not a client's honest ask. */
    static final int MAX_REQUESTED = 64;

    private ScopeNarrowing() {
    }

    /**
     * The scopes to grant.
     *
     * @param requested the {@code scope} parameter; absent (or naming only {@code offline_access}) grants all offered
     * @param offered   the scopes this gateway grants
     * @throws IllegalArgumentException (message fit for the client) when the string is malformed or names, apart from
     *                                  {@code offline_access}, only scopes not offered
     */
    static Set<String> grant(Optional<String> requested, Set<String> offered) {
        if (requested.isEmpty()) {
            return Set.copyOf(offered);
        }
        String[] asked = requested.get().split(" ", -1);
        if (asked.length > MAX_REQUESTED) {
            throw new IllegalArgumentException("too many scopes requested");
        }
        Set<String> granted = new TreeSet<>();
        boolean askedOther = false;
        for (String scope : asked) {
            if (!TokenSettings.SCOPE_TOKEN.matcher(scope).matches()) {
                throw new IllegalArgumentException("scope must be scope names separated by single spaces");
            }
            if (offered.contains(scope)) {
                granted.add(scope);
            } else if (!scope.equals(OFFLINE_ACCESS)) {
                askedOther = true;
            }
        }
        if (!granted.isEmpty()) {
            return Set.copyOf(granted);
        }
        if (askedOther) {
            throw new IllegalArgumentException("none of the requested scopes can be granted; offered: "
                    + String.join(" ", new TreeSet<>(offered)));
        }
        return Set.copyOf(offered);
    }
}
