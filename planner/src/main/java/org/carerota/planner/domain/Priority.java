package org.carerota.planner.domain;

/**
 * How much a visit matters when not every visit can be covered. The weight multiplies the visit's minutes in the
 * medium (unassigned) score: a time-critical medication visit outweighs sixteen minutes of low-priority care for every
 * minute it lasts.
 */
public enum Priority {
    TIME_CRITICAL(16),
    HIGH(4),
    NORMAL(2),
    LOW(1);

    private final int weight;

    Priority(int weight) {
        this.weight = weight;
    }

    /** The multiplier of the visit's minutes when it is left unassigned. */
    public int weight() {
        return weight;
    }
}
