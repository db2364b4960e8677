package org.carerota.planner.io;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A rota as written in solution JSON, schema version 1 ({@code schema/solution-v1.schema.json}).
 *
 * <p>Every visit of the problem appears exactly once per required carer: in a shift, or in {@link #unassigned()}.
 * Times are local date-times in the problem's time zone; travel in minutes and km.
 *
 * @param schemaVersion always 1 for this format
 * @param problem the name of the problem solved, or {@code null}
 * @param score the solver's score, e.g. {@code 0hard/-60medium/-12345soft}
 * @param feasible whether no hard constraint is broken
 * @param shifts each carer's day: the visits in the order served
 * @param unassigned the visits (or carer places on a visit) not covered, each with reasons
 * @param changes after re-planning: assignments that differ from the published plan
 * @param metrics named measures of the rota (travelMinutes, travelKm, workingMinutes, lateStarts,
 *     unassignedMinutes…); values are numbers or nested objects; insertion order is kept
 */
public record SolutionDocument(
        int schemaVersion,
        @Nullable String problem,
        String score,
        boolean feasible,
        List<ShiftPlan> shifts,
        List<Unassigned> unassigned,
        List<Change> changes,
        Map<String, Object> metrics) {

    public static final int SCHEMA_VERSION = 1;

    public SolutionDocument {
        Fields.required(score, "score");
        shifts = Fields.list(Fields.required(shifts, "shifts"), "shifts");
        unassigned = Fields.list(Fields.required(unassigned, "unassigned"), "unassigned");
        changes = Fields.list(changes, "changes");
        metrics = Fields.map(Fields.required(metrics, "metrics"));
    }

    /**
     * One carer's working day.
     *
     * @param carer the carer id
     * @param date the day
     * @param start when the carer leaves home (or the shift's start location), or {@code null} for an empty day
     * @param end when the carer is back home, or {@code null} for an empty day
     * @param visits the visits served, in order
     * @param travelMinutesToEnd travel minutes from the last visit back home, or {@code null}
     * @param travelKmToEnd extension beyond v1: travel km from the last visit back home, or {@code null}
     */
    public record ShiftPlan(
            String carer,
            LocalDate date,
            @Nullable LocalDateTime start,
            @Nullable LocalDateTime end,
            List<PlannedVisit> visits,
            @Nullable Double travelMinutesToEnd,
            @Nullable Double travelKmToEnd) {
        public ShiftPlan {
            Fields.required(carer, "shifts[].carer");
            Fields.required(date, "shift of " + carer + ": date");
            visits = Fields.list(Fields.required(visits, "shift of " + carer + ": visits"), "visits");
        }
    }

    /**
     * A visit in a carer's day.
     *
     * @param visit the visit id
     * @param arrival when the carer arrives, or {@code null}
     * @param start when the visit starts (the later of arrival and window start; for a double-up, when the last carer
     *     arrives)
     * @param end start plus the visit's duration
     * @param travelMinutesBefore travel minutes from the previous stop (or home), or {@code null}
     * @param travelKmBefore travel km from the previous stop (or home), or {@code null}
     */
    public record PlannedVisit(
            String visit,
            @Nullable LocalDateTime arrival,
            LocalDateTime start,
            LocalDateTime end,
            @Nullable Double travelMinutesBefore,
            @Nullable Double travelKmBefore) {
        public PlannedVisit {
            Fields.required(visit, "shifts[].visits[].visit");
            Fields.required(start, "planned visit " + visit + ": start");
            Fields.required(end, "planned visit " + visit + ": end");
        }
    }

    /**
     * A visit, or one carer's place on it, that could not be covered.
     *
     * @param visit the visit id (listed once per missing carer)
     * @param reasons why, in words a coordinator understands
     */
    public record Unassigned(String visit, List<String> reasons) {
        public Unassigned {
            Fields.required(visit, "unassigned[].visit");
            reasons = Fields.list(reasons, "unassigned " + visit + ": reasons");
        }
    }

    /**
     * An assignment that differs from the published plan.
     *
     * @param visit the visit id
     * @param from the carer who had it, or {@code null} (newly assigned)
     * @param to the carer who has it now, or {@code null} (now unassigned)
     */
    public record Change(String visit, @Nullable String from, @Nullable String to) {
        public Change {
            Fields.required(visit, "changes[].visit");
        }
    }
}
