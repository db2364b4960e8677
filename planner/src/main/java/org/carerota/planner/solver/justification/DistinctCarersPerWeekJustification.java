package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code distinctCarersPerWeek} match: distinct carers in the week.
 */
public record DistinctCarersPerWeekJustification(String serviceUserId, int week, long carers)
        implements CareJustification {

    @Override
    public String description() {
        return "distinct carers in the week: "
                + "serviceUserId=%s week=%s carers=%s".formatted(serviceUserId, week, carers);
    }
}
