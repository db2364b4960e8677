package org.carerota.sync.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A batch of events from one device, applied in one transaction.
 *
 * @param schemaVersion the protocol version the device speaks
 * @param deviceId the device (registered to the carer on first use)
 * @param sentAt the device's wall clock when it sent the batch (optional: estimates clock skew)
 * @param sentElapsedMs the device's monotonic clock when it sent the batch (optional: with each
 *     event's {@code deviceElapsedMs} it dates events independently of the device's wall clock)
 * @param events the events, oldest first
 */
public record PushRequest(
        int schemaVersion,
        @Nullable UUID deviceId,
        @Nullable Instant sentAt,
        @Nullable Long sentElapsedMs,
        @Nullable List<Event> events) {

    public static PushRequest of(UUID deviceId, List<Event> events) {
        return new PushRequest(SchemaVersions.CURRENT, deviceId, null, null, events);
    }
}
