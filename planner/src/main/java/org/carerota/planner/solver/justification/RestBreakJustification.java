package org.carerota.planner.solver.justification;

import java.time.LocalDate;

/**
 * Justification of a {@code restBreak} match: minutes the longest break falls short of the rest break.
 */
public record RestBreakJustification(String carerId, LocalDate date, long amount) implements CareJustification {

    @Override
    public String description() {
        return "minutes the longest break falls short of the rest break: "
                + "carerId=%s date=%s amount=%s".formatted(carerId, date, amount);
    }
}
