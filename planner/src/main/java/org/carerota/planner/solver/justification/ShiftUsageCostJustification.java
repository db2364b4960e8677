package org.carerota.planner.solver.justification;

import java.time.LocalDate;

/**
 * Justification of a {@code shiftUsageCost} match: cost of using the shift.
 */
public record ShiftUsageCostJustification(String carerId, LocalDate date, long amount) implements CareJustification {

    @Override
    public String description() {
        return "cost of using the shift: " + "carerId=%s date=%s amount=%s".formatted(carerId, date, amount);
    }
}
