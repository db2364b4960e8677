package org.carerota.planner.io;

/** How a carer is paid; the minimum-wage floor matters for the last two. */
public enum PayModel {
    /** Paid by the hour for the whole working day, travel and waiting included. */
    HOURLY,
    /** Paid only for time spent with service users. */
    PER_CONTACT_HOUR,
    /** Paid a fixed amount per visit. */
    PER_VISIT
}
