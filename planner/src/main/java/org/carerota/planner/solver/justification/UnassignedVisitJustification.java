package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code unassignedVisit} match: priority-weighted minutes of an unplaced visit slot.
 */
public record UnassignedVisitJustification(String visitId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "priority-weighted minutes of an unplaced visit slot: "
                + "visitId=%s amount=%s".formatted(visitId, amount);
    }
}
