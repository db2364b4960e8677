package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code crossPoolCost} match: pence of cross-pool cost.
 */
public record CrossPoolCostJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "pence of cross-pool cost: " + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
