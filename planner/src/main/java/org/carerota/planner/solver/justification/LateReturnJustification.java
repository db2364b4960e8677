package org.carerota.planner.solver.justification;

import java.time.LocalDate;

/**
 * Justification of a {@code lateReturn} match: minutes back after the shift end.
 */
public record LateReturnJustification(String carerId, LocalDate date, long amount) implements CareJustification {

    @Override
    public String description() {
        return "minutes back after the shift end: " + "carerId=%s date=%s amount=%s".formatted(carerId, date, amount);
    }
}
