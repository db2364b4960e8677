package org.carerota.sync.shared;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Limits and tolerances of the sync protocol. {@link #defaults()} is what the api uses unless
 * configured (mobile-sync/README.md, "Configuration").
 *
 * @param zone the zone of service dates (Europe/London)
 * @param horizonDays how many days a snapshot is meant to cover, today included
 * @param defaultPageSize changes per pull page when the device does not say
 * @param maxPageSize the largest page a device may ask for
 * @param maxBatchEvents events looked at per push; the rest are rejected as BATCH_TOO_LARGE
 * @param maxNoteChars the longest note (after tidying); longer ones are rejected
 * @param maxEventAge how far in the past a device time may be (an offline week is normal)
 * @param maxEventAhead how far in the future a device time may be
 * @param clockSkewThreshold device clock vs server clock difference that flags CLOCK_SKEW
 */
public record SyncSettings(
        ZoneId zone,
        int horizonDays,
        int defaultPageSize,
        int maxPageSize,
        int maxBatchEvents,
        int maxNoteChars,
        Duration maxEventAge,
        Duration maxEventAhead,
        Duration clockSkewThreshold) {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public SyncSettings {
        if (horizonDays < 1
                || defaultPageSize < 1
                || maxPageSize < defaultPageSize
                || maxBatchEvents < 1
                || maxNoteChars < 1) {
            throw new IllegalArgumentException("sync settings out of range");
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(
                LONDON, 14, 200, 1000, 500, 4000, Duration.ofDays(60), Duration.ofHours(24), Duration.ofMinutes(5));
    }

    public SyncSettings withPageSizes(int defaultPage, int maxPage) {
        return new SyncSettings(
                zone,
                horizonDays,
                defaultPage,
                maxPage,
                maxBatchEvents,
                maxNoteChars,
                maxEventAge,
                maxEventAhead,
                clockSkewThreshold);
    }

    public SyncSettings withMaxBatchEvents(int maxBatch) {
        return new SyncSettings(
                zone,
                horizonDays,
                defaultPageSize,
                maxPageSize,
                maxBatch,
                maxNoteChars,
                maxEventAge,
                maxEventAhead,
                clockSkewThreshold);
    }
}
