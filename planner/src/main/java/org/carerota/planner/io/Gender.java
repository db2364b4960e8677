package org.carerota.planner.io;

/** A carer's gender, or a service user's preference for one ({@code X} is never a preference). */
public enum Gender {
    F,
    M,
    X
}
