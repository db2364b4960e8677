package org.carerota.api.rota;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One best-score update of a solver job. */
public record SolverProgress(
        UUID jobId,
        String status,
        @Nullable String bestScore,
        @Nullable Boolean feasible,
        int progressPercent,
        @Nullable UUID planId) {

    static SolverProgress of(SolverJob job) {
        return new SolverProgress(
                job.id(), job.status(), job.bestScore(), job.feasible(), job.progressPercent(), job.planId());
    }
}
