package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code incompleteDoubleUp} match: placed slot of a double-up whose partner is unplaced.
 */
public record IncompleteDoubleUpJustification(String visitId, String carerId, long amount)
        implements CareJustification {

    @Override
    public String description() {
        return "placed slot of a double-up whose partner is unplaced: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
