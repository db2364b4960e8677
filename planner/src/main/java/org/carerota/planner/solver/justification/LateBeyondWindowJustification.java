package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code lateBeyondWindow} match: minutes after the window end.
 */
public record LateBeyondWindowJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "minutes after the window end: " + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
