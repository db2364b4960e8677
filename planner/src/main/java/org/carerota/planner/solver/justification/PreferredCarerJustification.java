package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code preferredCarer} match: carer is not one of the service user's preferred carers.
 */
public record PreferredCarerJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "carer is not one of the service user's preferred carers: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
