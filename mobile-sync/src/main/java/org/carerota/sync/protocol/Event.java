package org.carerota.sync.protocol;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One fact a carer's device recorded. Every field may be missing on the wire: the server checks
 * each event and rejects (and quarantines) a malformed one with a reason instead of failing the
 * batch, so {@code kind} and {@code verificationMethod} are plain strings here.
 *
 * @param id generated on the device; ingest is idempotent on it
 * @param kind an {@link EventKind} name
 * @param visitId the visit the event is about
 * @param deviceTime the device's wall clock when it happened
 * @param deviceElapsedMs the device's monotonic clock (ms since boot) when it happened, if known
 * @param location where, if known
 * @param verificationMethod a {@link VerificationMethod} name; absent = MANUAL
 * @param taskCode the task (TASK_DONE, TASK_NOT_DONE)
 * @param reason why not (TASK_NOT_DONE, COULD_NOT_DELIVER)
 * @param note free text (clinical: stored as written, formatting tidied only)
 */
public record Event(
        @Nullable UUID id,
        @Nullable String kind,
        @Nullable UUID visitId,
        @Nullable Instant deviceTime,
        @Nullable Long deviceElapsedMs,
        @Nullable Location location,
        @Nullable String verificationMethod,
        @Nullable String taskCode,
        @Nullable String reason,
        @Nullable String note) {

    public static Event of(UUID id, EventKind kind, UUID visitId, Instant deviceTime) {
        return new Event(id, kind.name(), visitId, deviceTime, null, null, null, null, null, null);
    }
}
