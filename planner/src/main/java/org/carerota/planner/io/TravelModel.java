package org.carerota.planner.io;

/** Which travel model a problem uses, and so which location fields it needs. */
public enum TravelModel {
    /** Great-circle distance between lat/lon times a detour factor, at the carer's travel-mode speed. */
    STRAIGHT_LINE,
    /** Euclidean distance between x/y; minutes = distance / unitsPerMinute (benchmark instances). */
    PLANAR,
    /** A precomputed matrix of minutes (and optionally km) between named points. */
    MATRIX
}
