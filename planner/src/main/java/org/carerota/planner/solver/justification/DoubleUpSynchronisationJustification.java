package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code doubleUpSynchronisation} match: slot whose synchronised start cannot be met.
 */
public record DoubleUpSynchronisationJustification(String visitId, String carerId, long amount)
        implements CareJustification {

    @Override
    public String description() {
        return "slot whose synchronised start cannot be met: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
