package org.carerota.api.carer;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A dated working window of a carer, as the API shows it. */
public record Shift(
        UUID id, UUID carerId, OffsetDateTime startsAt, OffsetDateTime endsAt, boolean locked, long version) {}
