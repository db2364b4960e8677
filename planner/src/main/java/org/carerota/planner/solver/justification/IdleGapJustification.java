package org.carerota.planner.solver.justification;

import java.time.LocalDate;

/**
 * Justification of a {@code idleGap} match: minutes of idle time beyond the threshold.
 */
public record IdleGapJustification(String carerId, LocalDate date, long amount) implements CareJustification {

    @Override
    public String description() {
        return "minutes of idle time beyond the threshold: "
                + "carerId=%s date=%s amount=%s".formatted(carerId, date, amount);
    }
}
