package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code timeCriticalLate} match: minutes a time-critical visit starts after its window.
 */
public record TimeCriticalLateJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "minutes a time-critical visit starts after its window: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
