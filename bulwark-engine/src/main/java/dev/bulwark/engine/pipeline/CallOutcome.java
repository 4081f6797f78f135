package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.tool.ToolResult;
import java.util.Optional;

/** How a call ended, as the front door answers the agent. Every outcome has been audited. */
public sealed interface CallOutcome permits CallOutcome.Completed, CallOutcome.Refused {

    /** The id shared with the call's audit record. */
    String callId();

    /** The tool ran; {@code result} is the screened output. */
    record Completed(String callId, ToolResult result, Decision.Allow decision) implements CallOutcome {
        public Completed {
            Checks.nonBlank(callId, "callId");
            Checks.present(result, "result");
            Checks.present(decision, "decision");
        }
    }

    /**
     * The call was refused or failed.
     *
     * @param code                 machine-readable cause
     * @param message              explanation safe to show the agent: no stack trace, no secret
     * @param authenticationReason for {@link Refusal#UNAUTHENTICATED}, why the credential was refused (for the
     *                             {@code WWW-Authenticate} answer); empty otherwise
     */
    record Refused(String callId, Refusal code, String message, Optional<Authentication.Reason> authenticationReason)
            implements CallOutcome {
        static final int MAX_MESSAGE_LENGTH = 1000;

        public Refused {
            Checks.nonBlank(callId, "callId");
            Checks.present(code, "code");
            Checks.nonBlank(message, "message");
            message = Texts.printable(message, MAX_MESSAGE_LENGTH);
            Checks.present(authenticationReason, "authenticationReason");
            if (authenticationReason.isPresent() && code != Refusal.UNAUTHENTICATED) {
                throw new IllegalArgumentException("only UNAUTHENTICATED carries an authentication reason");
            }
        }

        public Refused(String callId, Refusal code, String message) {
            this(callId, code, message, Optional.empty());
        }
    }
}
