package org.carerota.planner.domain;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A skill a carer holds.
 *
 * @param code the skill code, e.g. {@code hoist}
 * @param validUntil the last day it is valid (inclusive), or {@code null} if it does not expire
 */
public record Skill(String code, @Nullable LocalDate validUntil) {

    /** Whether the skill is in date on a day. */
    public boolean isValidOn(LocalDate day) {
        return validUntil == null || !day.isAfter(validUntil);
    }
}
