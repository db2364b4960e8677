package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code dependencyGap} match: minutes outside the dependency gap.
 */
public record DependencyGapJustification(String visitId, String dependsOnVisitId, long amount)
        implements CareJustification {

    @Override
    public String description() {
        return "minutes outside the dependency gap: "
                + "visitId=%s dependsOnVisitId=%s amount=%s".formatted(visitId, dependsOnVisitId, amount);
    }
}
