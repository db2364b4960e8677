package org.carerota.planner.io;

/** How much a visit matters when not every visit can be covered. */
public enum Priority {
    /** Must start inside its window (medication); the window end is a hard latest start. */
    TIME_CRITICAL,
    HIGH,
    NORMAL,
    LOW
}
