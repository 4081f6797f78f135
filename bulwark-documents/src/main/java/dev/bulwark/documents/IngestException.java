package dev.bulwark.documents;

import dev.bulwark.spi.Checks;

/** A document was refused or could not be stored; nothing of it was indexed. The message is safe to show. */
public final class IngestException extends Exception {
    /** Why ingestion failed, for API status codes and CLI exit codes. */
    public enum Reason {
        INVALID_ENCODING,
        TOO_LARGE,
        MISSING_ACL,
        EMPTY,
        UNSUPPORTED_TYPE,
        DETECTOR_FAILED,
        STORAGE_FAILED
    }

    private final Reason reason;

    public IngestException(Reason reason, String message) {
        super(message);
        this.reason = Checks.present(reason, "reason");
    }

    public IngestException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Checks.present(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
