package org.carerota.planner.domain;

/** A carer's gender or a service user's preference. */
public enum Gender {
    F,
    M,
    X
}
