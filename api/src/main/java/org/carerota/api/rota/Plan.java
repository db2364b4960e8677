package org.carerota.api.rota;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A plan (rota of an area over a horizon) as the API shows it. */
public record Plan(
        UUID id,
        UUID organisationId,
        long version,
        int revision,
        UUID areaId,
        LocalDate from,
        LocalDate to,
        String status,
        @Nullable String score,
        @Nullable Boolean feasible,
        String metrics,
        @Nullable UUID basePlanId,
        @Nullable UUID solverJobId,
        @Nullable OffsetDateTime publishedAt,
        OffsetDateTime createdAt) {}
