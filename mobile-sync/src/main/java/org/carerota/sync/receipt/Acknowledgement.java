package org.carerota.sync.receipt;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a read receipt.
 *
 * @param stored whether the receipt was recorded
 * @param acknowledgedSeq what the server now holds for the device (never moves backwards)
 * @param problem why not stored (unknown device, another carer's device, a seq ahead of the feed)
 */
public record Acknowledgement(UUID deviceId, boolean stored, long acknowledgedSeq, @Nullable String problem) {}
