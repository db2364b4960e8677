package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code pinnedCarerMismatch} match: visit pinned to other carers.
 */
public record PinnedCarerMismatchJustification(String visitId, String carerId, long amount)
        implements CareJustification {

    @Override
    public String description() {
        return "visit pinned to other carers: " + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
