package org.carerota.planner.solver.justification;

import java.time.LocalDate;

/**
 * Justification of a {@code travelTime} match: minutes of travel.
 */
public record TravelTimeJustification(String carerId, LocalDate date, long amount) implements CareJustification {

    @Override
    public String description() {
        return "minutes of travel: " + "carerId=%s date=%s amount=%s".formatted(carerId, date, amount);
    }
}
