package org.carerota.planner.domain;

/** The sector of a staff pool or of the organisation that commissions a visit. */
public enum Sector {
    HEALTH,
    SOCIAL_CARE
}
