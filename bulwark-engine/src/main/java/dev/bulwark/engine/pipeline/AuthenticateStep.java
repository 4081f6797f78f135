package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Authenticator;
import dev.bulwark.spi.identity.Principal;

/**
 * Verifies the credential and puts the principal in the context. As a second line of defence it also refuses a
 * principal whose agent is suspended or whose credential has expired, whatever the authenticator said.
 */
public final class AuthenticateStep implements CallStep {
    private final Authenticator authenticator;

    public AuthenticateStep(Authenticator authenticator) {
        this.authenticator = Checks.present(authenticator, "authenticator");
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        Authentication authentication = authenticator.authenticate(call.request().credential());
        if (authentication instanceof Authentication.Rejected rejected) {
            return call.refuseUnauthenticated(rejected);
        }
        if (!(authentication instanceof Authentication.Authenticated authenticated)) {
            return call.refuse(Refusal.INTERNAL_ERROR, "internal error", "authenticator returned no answer");
        }
        Principal principal = authenticated.principal();
        if (!principal.agent().active()) {
            return call.withPrincipal(principal).refuseUnauthenticated(new Authentication.Rejected(
                    Authentication.Reason.AGENT_SUSPENDED, "agent " + principal.agent().id() + " is suspended"));
        }
        if (!principal.expiresAt().isAfter(call.receivedAt())) {
            return call.withPrincipal(principal).refuseUnauthenticated(
                    new Authentication.Rejected(Authentication.Reason.EXPIRED, "credential has expired"));
        }
        return next.proceed(call.withPrincipal(principal));
    }
}
