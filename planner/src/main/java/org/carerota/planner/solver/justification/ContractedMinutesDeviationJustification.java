package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code contractedMinutesDeviation} match: weekly minutes against contract.
 */
public record ContractedMinutesDeviationJustification(
        String carerId, int week, long workedMinutes, long contractedMinutes) implements CareJustification {

    @Override
    public String description() {
        return "weekly minutes against contract: "
                + "carerId=%s week=%s workedMinutes=%s contractedMinutes=%s"
                        .formatted(carerId, week, workedMinutes, contractedMinutes);
    }
}
