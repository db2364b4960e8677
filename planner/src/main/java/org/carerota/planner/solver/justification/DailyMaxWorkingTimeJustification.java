package org.carerota.planner.solver.justification;

import java.time.LocalDate;

/**
 * Justification of a {@code dailyMaxWorkingTime} match: minutes beyond the daily maximum working time.
 */
public record DailyMaxWorkingTimeJustification(String carerId, LocalDate date, long amount)
        implements CareJustification {

    @Override
    public String description() {
        return "minutes beyond the daily maximum working time: "
                + "carerId=%s date=%s amount=%s".formatted(carerId, date, amount);
    }
}
