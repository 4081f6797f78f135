package dev.bulwark.identity;

/** The {@code token_use} claim: what a Bulwark token may be used for. */
enum TokenUse {
    /** Presented to the gateway on each call, by an agent alone or an agent acting for a user. */
    ACCESS("access"),
    /** Proves a user's consent; only exchanged at the token endpoint, never accepted as an access token. */
    USER("user");

    final String claim;

    TokenUse(String claim) {
        this.claim = claim;
    }

    static TokenUse fromClaim(String claim) {
        for (TokenUse use : values()) {
            if (use.claim.equals(claim)) {
                return use;
            }
        }
        return null;
    }
}
