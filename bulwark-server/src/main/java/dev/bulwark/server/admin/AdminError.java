package dev.bulwark.server.admin;

/** A client error of the admin API, answered with its status and code. */
final class AdminError extends RuntimeException {
    private final int status;
    private final String code;

    AdminError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
