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
            @Nullable List<String> requiredSkills,
            @Nullable UUID id) {}

    public record CreateCarePackageInput(
            UUID serviceUserId,
            UUID commissionerId,
            LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable String reference,
            List<VisitTemplateInput> templates,
            @Nullable LocalDate expandFrom,
            @Nullable LocalDate expandTo) {}

    public record UpdateCarePackageInput(
            UUID id,
            long expectedVersion,
            @Nullable UUID commissionerId,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable Boolean clearEndsOn,
            @Nullable String reference,
            @Nullable List<VisitTemplateInput> templates,
            @Nullable LocalDate expandFrom,
            @Nullable LocalDate expandTo) {}

    public record ArchiveCarePackageInput(UUID id, long expectedVersion) {}

    public interface UpdateCarePackageResult {}

    public interface ArchiveCarePackageResult {}

    /** The package after the change and what happened to its future visits. */
    public record CarePackageSaved(
            CarePackage carePackage, int visitsCreated, int visitsChanged, int visitsRemoved, int visitsKept)
            implements UpdateCarePackageResult, ArchiveCarePackageResult {}

    public record StaleCarePackage(String message, long currentVersion)
            implements UpdateCarePackageResult, ArchiveCarePackageResult {
        static StaleCarePackage of(long current) {
            return new StaleCarePackage(
                    "The care package was changed by someone else (now version " + current + "); reload and try again",
                    current);
        }
    }

    public record CarePackageNotFound(String message, UUID id)
            implements UpdateCarePackageResult, ArchiveCarePackageResult {
        static CarePackageNotFound of(UUID id) {
            return new CarePackageNotFound("No care package " + id + " of your organisation", id);
        }
    }

    public interface CreateVisitResult {}

    public interface CreateCarePackageResult {}

    public record VisitCreated(Visit visit) implements CreateVisitResult {}

    public record CarePackageCreated(UUID carePackageId, int visitsCreated) implements CreateCarePackageResult {}

    public record VisitInvalid(String message, String field, String reason)
            implements CreateVisitResult, CreateCarePackageResult, UpdateCarePackageResult {
        static VisitInvalid of(String field, String reason) {
            return new VisitInvalid(field + ": " + reason, field, reason);
        }
    }
}
