package org.carerota.planner.solver.justification;

/**
 * Justification of a {@code genderPreference} match: carer gender differs from the service user's preference.
 */
public record GenderPreferenceJustification(String visitId, String carerId, long amount) implements CareJustification {

    @Override
    public String description() {
        return "carer gender differs from the service user's preference: "
                + "visitId=%s carerId=%s amount=%s".formatted(visitId, carerId, amount);
    }
}
