package org.carerota.planner.io;

/** The sector a staff pool belongs to. */
public enum Sector {
    /** NHS community health teams (for example community nursing). */
    HEALTH,
    /** Social care providers and council reablement teams. */
    SOCIAL_CARE
}
