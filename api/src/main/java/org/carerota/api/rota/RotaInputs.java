package org.carerota.api.rota;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The inputs of the rota mutations, bound from GraphQL input objects. */
public final class RotaInputs {

    private RotaInputs() {}

    public record GenerateRotaInput(UUID area, LocalDate from, LocalDate to, @Nullable Integer timeLimitSeconds) {}

    public record StopSolverJobInput(UUID id) {}

    public record PublishRotaInput(UUID planId, long expectedVersion) {}

    public record PinAssignmentInput(UUID assignmentId, long expectedVersion) {}

    public record UnpinAssignmentInput(UUID assignmentId, long expectedVersion) {}

    public record AssignVisitInput(
            UUID planId,
            long expectedVersion,
            UUID visitId,
            UUID carerId,
            @Nullable UUID fromCarerId,
            @Nullable Integer position,
            @Nullable OffsetDateTime requestedStart,
            @Nullable Boolean confirm) {}

    public record LockCarerDayInput(UUID carerId, LocalDate date, @Nullable Boolean locked) {}

    public record ReportAbsenceInput(
            UUID carerId,
            OffsetDateTime from,
            OffsetDateTime to,
            @Nullable String reason,
            @Nullable String kind,
            @Nullable Integer timeLimitSeconds) {}

    public record AddUrgentVisitInput(
            UUID serviceUserId,
            @Nullable UUID commissionerId,
            OffsetDateTime windowStart,
            OffsetDateTime windowEnd,
            int durationMinutes,
            @Nullable Integer carersRequired,
            @Nullable String priority,
            @Nullable List<String> requiredSkills,
            @Nullable String note,
            @Nullable Integer timeLimitSeconds) {}

    public record CancelVisitInput(
            UUID visitId,
            @Nullable Long expectedVersion,
            @Nullable String reason,
            @Nullable Integer timeLimitSeconds) {}

    public record ReportOverrunInput(UUID visitId, int minutes, @Nullable Integer timeLimitSeconds) {}
}
