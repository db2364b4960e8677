package org.carerota.planner.solver.justification;

import java.time.LocalDate;

/**
 * Justification of a {@code minimumWage} match: pence the day's pay falls short of the minimum wage.
 */
public record MinimumWageJustification(String carerId, LocalDate date, long amount) implements CareJustification {

    @Override
    public String description() {
        return "pence the day's pay falls short of the minimum wage: "
                + "carerId=%s date=%s amount=%s".formatted(carerId, date, amount);
    }
}
