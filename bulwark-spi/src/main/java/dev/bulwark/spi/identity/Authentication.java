package dev.bulwark.spi.identity;

import dev.bulwark.spi.Checks;

/** The outcome of verifying a credential: a principal, or a reason to answer 401. */
public sealed interface Authentication permits Authentication.Authenticated, Authentication.Rejected {

    record Authenticated(Principal principal) implements Authentication {
        public Authenticated {
            Checks.present(principal, "principal");
        }
    }

    /**
     * @param reason machine-readable cause, safe to show the caller
     * @param detail human-readable explanation; never contains the credential
     */
    record Rejected(Reason reason, String detail) implements Authentication {
        public Rejected {
            Checks.present(reason, "reason");
            Checks.present(detail, "detail");
        }
    }

    /** Why a credential was refused. */
    enum Reason {
        MISSING,
        MALFORMED,
        BAD_SIGNATURE,
        UNSUPPORTED_ALGORITHM,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_AUDIENCE,
        WRONG_ISSUER,
        REVOKED,
        UNKNOWN_AGENT,
        AGENT_SUSPENDED,
        /** A valid token of the wrong kind, e.g. a user token presented as an access token. */
        WRONG_TOKEN_TYPE,
        /** The delegating user is not (or no longer) registered. */
        UNKNOWN_USER,
        /** Verification could not complete (e.g. the database is down); the request is refused. */
        UNAVAILABLE
    }
}
