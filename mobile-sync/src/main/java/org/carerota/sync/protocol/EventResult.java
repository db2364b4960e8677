package org.carerota.sync.protocol;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The server's word on one event, in the order of the request.
 *
 * @param eventId the event's id as sent (null if it had none)
 * @param outcome ACCEPTED, DUPLICATE or REJECTED
 * @param reasonCode why REJECTED (a {@link RejectReason} name), else null
 * @param reason a human explanation, else null
 * @param retryable REJECTED but worth sending again later (keep it in the outbox)
 * @param flags {@link EventFlag} names set on an ACCEPTED event
 */
public record EventResult(
        @Nullable UUID eventId,
        Outcome outcome,
        @Nullable String reasonCode,
        @Nullable String reason,
        boolean retryable,
        List<String> flags) {

    public EventResult {
        flags = List.copyOf(flags);
    }

    public static EventResult accepted(UUID eventId, List<String> flags) {
        return new EventResult(eventId, Outcome.ACCEPTED, null, null, false, flags);
    }

    public static EventResult duplicate(UUID eventId, @Nullable String reason) {
        return new EventResult(eventId, Outcome.DUPLICATE, null, reason, false, List.of());
    }

    public static EventResult rejected(@Nullable UUID eventId, RejectReason code, String reason) {
        return new EventResult(eventId, Outcome.REJECTED, code.name(), reason, code.retryable(), List.of());
    }
}
