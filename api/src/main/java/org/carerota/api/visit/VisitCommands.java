package org.carerota.api.visit;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Inputs and results of the visit and care package mutations. */
public final class VisitCommands {

    private VisitCommands() {}

    public record CreateVisitInput(
            UUID serviceUserId,
            UUID commissionerId,
            OffsetDateTime windowStart,
            OffsetDateTime windowEnd,
            @Nullable OffsetDateTime preferredStart,
            int durationMinutes,
            @Nullable Integer carersRequired,
            @Nullable String priority,
            @Nullable List<String> requiredSkills,
            @Nullable String note) {}

    public record VisitTemplateInput(
            @Nullable String label,
            List<Integer> daysOfWeek,
            @Nullable Integer everyWeeks,
            LocalTime windowStart,
            LocalTime windowEnd,
            @Nullable LocalTime preferredStart,
            int durationMinutes,
            @Nullable Integer carersRequired,
            @Nullable String priority,
            @Nullable List<String> requiredSkills) {}

    public record CreateCarePackageInput(
            UUID serviceUserId,
            UUID commissionerId,
            LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable String reference,
            List<VisitTemplateInput> templates,
            @Nullable LocalDate expandFrom,
            @Nullable LocalDate expandTo) {}

    public interface CreateVisitResult {}

    public interface CreateCarePackageResult {}

    public record VisitCreated(Visit visit) implements CreateVisitResult {}

    public record CarePackageCreated(UUID carePackageId, int visitsCreated) implements CreateCarePackageResult {}

    public record VisitInvalid(String message, String field, String reason)
            implements CreateVisitResult, CreateCarePackageResult {
        static VisitInvalid of(String field, String reason) {
            return new VisitInvalid(field + ": " + reason, field, reason);
        }
    }
}
