package org.carerota.api.rota;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A solver job as the API shows it. */
public record SolverJob(
        UUID id,
        UUID organisationId,
        UUID areaId,
        LocalDate from,
        LocalDate to,
        String kind,
        String status,
        int timeLimitSeconds,
        int progressPercent,
        @Nullable String bestScore,
        @Nullable Boolean feasible,
        @Nullable String error,
        @Nullable String triggerReason,
        @Nullable UUID basePlanId,
        @Nullable UUID planId,
        OffsetDateTime createdAt,
        @Nullable OffsetDateTime startedAt,
        @Nullable OffsetDateTime finishedAt) {

    public boolean finished() {
        return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
    }
}
