package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code poolNotEligible} match: carer's pool has no agreement with the visit's commissioner.
 */
public record PoolNotEligibleJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "carer's pool has no agreement with the visit's commissioner: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
