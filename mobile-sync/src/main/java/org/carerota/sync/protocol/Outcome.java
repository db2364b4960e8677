package org.carerota.sync.protocol;

/** What became of one pushed event. */
public enum Outcome {
    /** Stored now. Remove it from the outbox. */
    ACCEPTED,
    /** Stored before (this id was received already). Remove it from the outbox. */
    DUPLICATE,
    /**
     * Not stored as delivered care; kept in quarantine for a coordinator unless the reason is
     * retryable ({@link RejectReason#retryable()}: keep it in the outbox and send it again).
     */
    REJECTED
}
