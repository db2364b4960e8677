package org.carerota.sync.protocol;

/** Why an event was rejected. The code is stable (apps branch on it); the text is for people. */
public enum RejectReason {
    MALFORMED(false),
    UNKNOWN_KIND(false),
    UNKNOWN_VISIT(false),
    NOT_ASSIGNED(false),
    TIMESTAMP_OUT_OF_RANGE(false),
    NOTE_TOO_LONG(false),
    DEVICE_NOT_OWNED(false),
    DEVICE_REVOKED(false),
    /** Past the batch limit: not looked at, not quarantined; send it again in a later batch. */
    BATCH_TOO_LARGE(true);

    private final boolean retryable;

    RejectReason(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
