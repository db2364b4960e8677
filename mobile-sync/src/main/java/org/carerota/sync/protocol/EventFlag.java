package org.carerota.sync.protocol;

/** Set on accepted events for coordinators (stored in {@code visit_events.flags}). */
public enum EventFlag {
    /** The device's wall clock disagreed with the server's beyond the threshold. */
    CLOCK_SKEW,
    /**
     * The carer was assigned the visit in an earlier published plan but not in the current one: the
     * visit was re-assigned while the device was offline. The event is kept and the visit is pinned
     * to this carer at the next re-plan.
     */
    REASSIGNED_WHILE_OFFLINE
}
