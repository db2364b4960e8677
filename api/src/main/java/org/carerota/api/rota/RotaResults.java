package org.carerota.api.rota;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.carerota.api.carer.Carer;
import org.jspecify.annotations.Nullable;

/**
 * The outcomes of the rota mutations: each {@code <Verb><Noun>Result} union is an interface here,
 * its members are the records below (the GraphQL type name is the record's simple name).
 */
public final class RotaResults {

    private RotaResults() {}

    public interface GenerateRotaResult {}

    public interface StopSolverJobResult {}

    public interface PublishRotaResult {}

    public interface PinAssignmentResult {}

    public interface UnpinAssignmentResult {}

    public interface AssignVisitResult {}

    public interface LockCarerDayResult {}

    public interface ReportAbsenceResult {}

    public interface AddUrgentVisitResult {}

    public interface CancelVisitResult {}

    public interface ReportOverrunResult {}

    // ---- problems ---------------------------------------------------------------------------

    /** A field of an input was missing, malformed or out of range. */
    public record InvalidInput(String message, String field, String reason)
            implements GenerateRotaResult,
                    AssignVisitResult,
                    LockCarerDayResult,
                    ReportAbsenceResult,
                    AddUrgentVisitResult,
                    CancelVisitResult,
                    ReportOverrunResult {

        public static InvalidInput of(String field, String reason) {
            return new InvalidInput(field + ": " + reason, field, reason);
        }
    }

    /** A record named by an input does not exist or is not visible. */
    public record RecordNotFound(String message, String field, UUID id)
            implements GenerateRotaResult,
                    StopSolverJobResult,
                    PublishRotaResult,
                    PinAssignmentResult,
                    UnpinAssignmentResult,
                    AssignVisitResult,
                    LockCarerDayResult,
                    ReportAbsenceResult,
                    AddUrgentVisitResult,
                    CancelVisitResult,
                    ReportOverrunResult {

        public static RecordNotFound of(String field, String what, UUID id) {
            return new RecordNotFound(what + " " + id + " was not found", field, id);
        }
    }

    public record StalePlan(String message, long currentVersion) implements PublishRotaResult, AssignVisitResult {
        static StalePlan of(long current) {
            return new StalePlan(
                    "The plan was changed by someone else (now version " + current + "); reload it and try again",
                    current);
        }
    }

    public record PlanNotPublishable(String message, String status) implements PublishRotaResult, AssignVisitResult {}

    public record StaleAssignment(String message, long currentVersion)
            implements PinAssignmentResult, UnpinAssignmentResult {}

    public record StaleVisit(String message, long currentVersion) implements CancelVisitResult {}

    public record SolverJobAlreadyFinished(String message, SolverJob job) implements StopSolverJobResult {}

    public record AssignmentBreaksConstraints(String message, List<BrokenConstraint> brokenConstraints, String score)
            implements AssignVisitResult {}

    // ---- successes --------------------------------------------------------------------------

    public record RotaGenerationQueued(SolverJob job) implements GenerateRotaResult {}

    public record SolverJobStopping(SolverJob job) implements StopSolverJobResult {}

    public record RotaPublished(Plan plan, int feedChanges, int carersNotified) implements PublishRotaResult {}

    public record AssignmentPinned(Assignment assignment) implements PinAssignmentResult, UnpinAssignmentResult {}

    public record VisitAssigned(Plan plan, List<BrokenConstraint> brokenConstraints, String score)
            implements AssignVisitResult {}

    public record CarerDayLocked(Carer carer, LocalDate date, boolean locked, int shifts)
            implements LockCarerDayResult {}

    public record SameDayReplanned(List<SameDayReplan> replans)
            implements ReportAbsenceResult, AddUrgentVisitResult, CancelVisitResult, ReportOverrunResult {}

    /** A re-plan of one area-day. */
    public record SameDayReplan(
            UUID areaId,
            LocalDate date,
            SolverJob job,
            @Nullable Plan plan,
            @Nullable UUID basePlanId,
            boolean published,
            @Nullable PlanComparison diff) {}

    /** A constraint a choice breaks. */
    public record BrokenConstraint(String name, String impact, String level) {}
}
