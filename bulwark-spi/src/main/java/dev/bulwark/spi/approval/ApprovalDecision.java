package dev.bulwark.spi.approval;

import dev.bulwark.spi.Checks;

/** The answer of an approve or deny attempt: exactly one of several racing attempts succeeds. */
public sealed interface ApprovalDecision permits ApprovalDecision.Recorded, ApprovalDecision.Refused {

    /** The attempt changed the request; {@code request} is the state after it. */
    record Recorded(ApprovalRequest request) implements ApprovalDecision {
        public Recorded {
            Checks.present(request, "request");
        }
    }

    /** Nothing changed. */
    record Refused(Reason reason, String detail) implements ApprovalDecision {
        public Refused {
            Checks.present(reason, "reason");
            Checks.nonBlank(detail, "detail");
        }
    }

    enum Reason {
        /** No request has this id. */
        NOT_FOUND,
        /** Already approved, denied, expired or consumed (or another replica decided first). */
        NOT_PENDING,
        /** Past its expiry. */
        EXPIRED,
        /** The approver may not approve this request (own call, already approved it, not an approver). */
        NOT_ALLOWED
    }
}
