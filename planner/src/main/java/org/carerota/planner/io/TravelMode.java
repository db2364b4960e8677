package org.carerota.planner.io;

/** How a carer travels between visits; each mode has its own speed in the straight-line travel model. */
public enum TravelMode {
    WALK,
    BICYCLE,
    CAR,
    PUBLIC_TRANSPORT
}
