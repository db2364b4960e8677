package org.carerota.sync.receipt;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A carer none of whose devices has acknowledged the latest change a plan made to their feed.
 *
 * @param requiredSeq the carer's last feed seq written for the plan
 * @param acknowledgedSeq the highest seq any of their devices acknowledged (0: none ever)
 * @param lastAcknowledgedAt when a device of theirs last acknowledged anything (null: never)
 */
public record UnacknowledgedCarer(
        UUID carerId, String carerName, long requiredSeq, long acknowledgedSeq, @Nullable Instant lastAcknowledgedAt) {}
