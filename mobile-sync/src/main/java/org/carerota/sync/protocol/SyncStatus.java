package org.carerota.sync.protocol;

/** How the server answered a pull or a push as a whole. */
public enum SyncStatus {
    /** The answer carries what was asked for. */
    OK,
    /**
     * The checkpoint cannot be served (malformed, from the future, another carer's, or older than
     * the pruned part of the feed): drop the local schedule (never the outbox) and pull again without
     * a checkpoint.
     */
    RESET,
    /** The device speaks a protocol version the server no longer (or not yet) supports. */
    UPGRADE_REQUIRED
}
