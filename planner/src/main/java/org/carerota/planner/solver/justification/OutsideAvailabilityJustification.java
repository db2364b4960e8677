package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code outsideAvailability} match: minutes outside the carer's availability or after the shift end.
 */
public record OutsideAvailabilityJustification(String visitId, String carerId, long amount)
        implements CareJustification {

    @Override
    public String description() {
        return "minutes outside the carer's availability or after the shift end: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
