package org.carerota.api.carer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Inputs and results of the carer mutations. */
public final class CarerCommands {

    private CarerCommands() {}

    public record CarerSkillInput(String code, @Nullable LocalDate validUntil) {}

    public record CreateCarerInput(
            String name,
            UUID pool,
            double homeLat,
            double homeLon,
            @Nullable String homePostcode,
            @Nullable String travelMode,
            @Nullable String gender,
            @Nullable Integer contractedMinutesPerWeek,
            @Nullable Integer maxWorkingMinutesPerDay,
            @Nullable String payModel,
            @Nullable Double payRate,
            @Nullable List<CarerSkillInput> skills,
            @Nullable String externalRef) {}

    public record UpdateCarerInput(
            UUID id,
            long expectedVersion,
            @Nullable String name,
            @Nullable Double homeLat,
            @Nullable Double homeLon,
            @Nullable String homePostcode,
            @Nullable String travelMode,
            @Nullable String gender,
            @Nullable Integer contractedMinutesPerWeek,
            @Nullable Integer maxWorkingMinutesPerDay,
            @Nullable String payModel,
            @Nullable Double payRate,
            @Nullable List<CarerSkillInput> skills) {}

    public record ArchiveCarerInput(UUID id, long expectedVersion) {}

    public record AddShiftInput(UUID carerId, OffsetDateTime startsAt, OffsetDateTime endsAt) {}

    /** Removes a shift or an absence (removeShift, removeAbsence). */
    public record RemoveCarerTimeInput(UUID id, long expectedVersion) {}

    /** One carer row of a CSV import ({@code row}: 1 = first data row); pool by id or name. */
    public record CarerImportRow(
            int row,
            @Nullable String externalRef,
            String name,
            String pool,
            double homeLat,
            double homeLon,
            @Nullable String homePostcode,
            @Nullable String travelMode,
            @Nullable String gender,
            @Nullable Integer contractedMinutesPerWeek,
            @Nullable Integer maxWorkingMinutesPerDay,
            @Nullable String payModel,
            @Nullable Double payRate,
            List<CarerSkillInput> skills) {}

    /** Why an import row was refused. */
    public record ImportProblem(int row, String column, String value, String reason) {}

    public interface CreateCarerResult {}

    public interface UpdateCarerResult {}

    public interface ArchiveCarerResult {}

    public interface AddShiftResult {}

    public record CarerSaved(Carer carer) implements CreateCarerResult, UpdateCarerResult, ArchiveCarerResult {}

    public record StaleCarer(String message, long currentVersion) implements UpdateCarerResult, ArchiveCarerResult {
        static StaleCarer of(long current) {
            return new StaleCarer(
                    "The carer was changed by someone else (now version " + current + "); reload and try again",
                    current);
        }
    }

    public record CarerInvalid(String message, String field, String reason)
            implements CreateCarerResult, UpdateCarerResult, AddShiftResult {
        static CarerInvalid of(String field, String reason) {
            return new CarerInvalid(field + ": " + reason, field, reason);
        }
    }

    public record CarerNotFound(String message, UUID id)
            implements UpdateCarerResult, ArchiveCarerResult, AddShiftResult {
        static CarerNotFound of(UUID id) {
            return new CarerNotFound("Carer " + id + " was not found", id);
        }
    }

    public record ShiftAdded(UUID shiftId, Carer carer) implements AddShiftResult {}

    public interface RemoveShiftResult {}

    public interface RemoveAbsenceResult {}

    public record ShiftRemoved(UUID shiftId, Carer carer) implements RemoveShiftResult {}

    public record AbsenceRemoved(UUID absenceId, Carer carer) implements RemoveAbsenceResult {}

    /** The shift or absence was changed by someone else since it was read. */
    public record StaleCarerTime(String message, long currentVersion)
            implements RemoveShiftResult, RemoveAbsenceResult {
        static StaleCarerTime of(long current) {
            return new StaleCarerTime(
                    "The entry was changed by someone else (now version " + current + "); reload and try again",
                    current);
        }
    }

    /** The shift or absence has started (or is over): it is history and stays. */
    public record CarerTimeStarted(String message, OffsetDateTime startsAt)
            implements RemoveShiftResult, RemoveAbsenceResult {
        static CarerTimeStarted of(OffsetDateTime startsAt) {
            return new CarerTimeStarted(
                    "It started at " + startsAt + ": only future shifts and absences can be removed", startsAt);
        }
    }

    /** No such shift or absence (or not one of the caller's organisation). */
    public record CarerTimeNotFound(String message, UUID id) implements RemoveShiftResult, RemoveAbsenceResult {
        static CarerTimeNotFound of(UUID id) {
            return new CarerTimeNotFound("No shift or absence " + id + " of your organisation", id);
        }
    }
}
