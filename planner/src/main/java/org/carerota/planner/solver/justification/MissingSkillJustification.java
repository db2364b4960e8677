package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code missingSkill} match: required skills not held in date.
 */
public record MissingSkillJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "required skills not held in date: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
