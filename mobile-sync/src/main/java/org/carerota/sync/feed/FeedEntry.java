package org.carerota.sync.feed;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The latest feed row of one entity after a cursor.
 *
 * @param previousOp the entity's latest op at or below the cursor (null: the device cannot hold it)
 */
public record FeedEntry(
        String entityType, UUID entityId, String op, @Nullable String payload, long seq, @Nullable String previousOp) {

    public static final String VISIT = "VISIT";
    public static final String ACCESS_NOTE = "ACCESS_NOTE";
    public static final String UPSERT = "UPSERT";
    public static final String DELETE = "DELETE";

    public boolean isUpsert() {
        return UPSERT.equals(op);
    }

    /** Whether the device (at the cursor) held the entity: an update rather than a creation. */
    public boolean wasLive() {
        return UPSERT.equals(previousOp);
    }
}
