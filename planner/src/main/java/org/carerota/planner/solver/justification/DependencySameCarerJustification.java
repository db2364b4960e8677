package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code dependencySameCarer} match: dependent visits served by the same carer.
 */
public record DependencySameCarerJustification(String visitId, String dependsOnVisitId, String carerId)
        implements CareJustification {

    @Override
    public String description() {
        return "dependent visits served by the same carer: "
                + "visitId=%s dependsOnVisitId=%s carerId=%s".formatted(visitId, dependsOnVisitId, carerId);
    }
}
