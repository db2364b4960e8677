package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code latePreferredStart} match: minutes after the preferred start.
 */
public record LatePreferredStartJustification(String visitId, String carerId, long amount)
        implements CareJustification {

    @Override
    public String description() {
        return "minutes after the preferred start: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
