package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code absenceOverlap} match: minutes during the carer's absence.
 */
public record AbsenceOverlapJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "minutes during the carer's absence: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
