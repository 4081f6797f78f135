package dev.bulwark.identity;

/** Error codes of the token endpoint (RFC 6749 §5.2, RFC 8693 §2.2.2, RFC 8707 §2). */
public enum OAuthError {
    INVALID_REQUEST("invalid_request", 400),
    /** Client authentication failed; answered with 401 and a {@code WWW-Authenticate: Basic} header. */
    INVALID_CLIENT("invalid_client", 401),
    INVALID_GRANT("invalid_grant", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    INVALID_TARGET("invalid_target", 400),
    /** The gateway could not decide (e.g. its database is unreachable); nothing is issued. */
    SERVER_ERROR("server_error", 500);

    private final String code;
    private final int httpStatus;

    OAuthError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The value of the {@code error} member. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
