package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code nonRegularCarer} match: carer is not one of the service user's regular carers.
 */
public record NonRegularCarerJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "carer is not one of the service user's regular carers: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
