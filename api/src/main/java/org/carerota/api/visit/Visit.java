package org.carerota.api.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A dated visit, as the API shows it. */
public record Visit(
        UUID id,
        UUID serviceUserId,
        UUID commissionerId,
        LocalDate date,
        OffsetDateTime windowStart,
        OffsetDateTime windowEnd,
        @Nullable OffsetDateTime preferredStart,
        int durationMinutes,
        int carersRequired,
        String priority,
        String status) {}
