package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Authentication.Reason;

/** The outcome of checking one token's signature, claims, time and revocation. */
sealed interface TokenCheck permits TokenCheck.Valid, TokenCheck.Invalid {

    record Valid(VerifiedToken token) implements TokenCheck {
        public Valid {
            Checks.present(token, "token");
        }
    }

    /** @param detail safe to show the caller: never contains the token */
    record Invalid(Reason reason, String detail) implements TokenCheck {
        public Invalid {
            Checks.present(reason, "reason");
            Checks.nonBlank(detail, "detail");
        }
    }
}
