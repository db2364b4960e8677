package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code wrongDay} match: visit placed on another day's shift.
 */
public record WrongDayJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "visit placed on another day's shift: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
