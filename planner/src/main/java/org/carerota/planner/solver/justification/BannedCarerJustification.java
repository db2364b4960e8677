package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code bannedCarer} match: carer banned by the service user.
 */
public record BannedCarerJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "carer banned by the service user: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
