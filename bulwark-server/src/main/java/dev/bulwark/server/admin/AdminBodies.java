package dev.bulwark.server.admin;

import java.util.Map;
import java.util.Set;

/**
 * The request bodies of the admin API, one record per endpoint that takes a body, read by {@link StrictJson}. A
 * record lists exactly the accepted fields; required fields are checked on construction (400 naming the field).
 */
final class AdminBodies {
    private AdminBodies() {}

    /** Endpoints that take no body accept nothing or {@code {}}. */
    record None() {
    }

    record CreateAgent(String id, String owner, Set<String> roles, Map<String, String> attributes) {
        CreateAgent {
            required(id, "id");
            required(owner, "owner");
            roles = roles == null ? Set.of() : roles;
            attributes = attributes == null ? Map.of() : attributes;
        }
    }

    record CreateUser(String id, Set<String> roles, Map<String, String> attributes) {
        CreateUser {
            required(id, "id");
            roles = roles == null ? Set.of() : roles;
            attributes = attributes == null ? Map.of() : attributes;
        }
    }

    /**
     * @param ttlSeconds lifetime of the user token, default one hour
     * @param mayAct     the only agent allowed to exchange it ({@code may_act}); any agent when omitted
     */
    /** A password for the login page of interactive OAuth; never echoed, never audited. */
    record SetPassword(String password) {
        SetPassword {
            required(password, "password");
        }

        @Override
        public String toString() {
            return "SetPassword[password=(hidden)]";
        }
    }

    record UserToken(Long ttlSeconds, String mayAct) {
        static final long DEFAULT_TTL_SECONDS = 3600;

        UserToken {
            ttlSeconds = ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds;
            if (mayAct != null) {
                required(mayAct, "mayAct");
            }
        }
    }

    record RevokeToken(String jti) {
        RevokeToken {
            required(jti, "jti");
        }
    }

    record RestorePii(String token, String reason) {
        RestorePii {
            required(token, "token");
            required(reason, "reason");
        }
    }

    /** Denying an approval request says why; the reason is shown to approvers and recorded. */
    record DenyApproval(String reason) {
        DenyApproval {
            required(reason, "reason");
            if (reason.length() > 1000) {
                throw StrictJson.invalid("field 'reason' must be at most 1000 characters");
            }
        }
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw StrictJson.invalid("field '" + field + "' (a non-empty string) is required");
        }
    }
}
