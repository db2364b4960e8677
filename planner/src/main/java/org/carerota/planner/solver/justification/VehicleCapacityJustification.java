package org.carerota.planner.solver.justification;

import java.time.LocalDate;

/**
 * Justification of a {@code vehicleCapacity} match: demand over capacity.
 */
public record VehicleCapacityJustification(String carerId, LocalDate date, long amount) implements CareJustification {

    @Override
    public String description() {
        return "demand over capacity: " + "carerId=%s date=%s amount=%s".formatted(carerId, date, amount);
    }
}
