package org.carerota.api.carer;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A recorded absence of a carer (sickness, leave...), as the API shows it. */
public record Absence(
        UUID id,
        UUID carerId,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String kind,
        @Nullable String reason,
        long version) {}
