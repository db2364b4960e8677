package org.carerota.planner.domain;

/** How a carer is paid. */
public enum PayModel {
    HOURLY,
    PER_CONTACT_HOUR,
    PER_VISIT
}
