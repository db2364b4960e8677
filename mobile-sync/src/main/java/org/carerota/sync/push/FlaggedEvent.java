package org.carerota.sync.push;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An accepted event a coordinator should look at (REASSIGNED_WHILE_OFFLINE, CLOCK_SKEW). */
public record FlaggedEvent(
        UUID eventId,
        UUID visitId,
        UUID carerId,
        String kind,
        Instant deviceTime,
        Instant receivedAt,
        List<String> flags) {

    public FlaggedEvent {
        flags = List.copyOf(flags);
    }
}
