package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code publishedPlanDisruption} match: carer differs from the published plan.
 */
public record PublishedPlanDisruptionJustification(String visitId, String carerId, long amount)
        implements CareJustification {

    @Override
    public String description() {
        return "carer differs from the published plan: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
