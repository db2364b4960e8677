package org.carerota.planner.domain;

import java.util.List;

/**
 * A period a carer may work, in ticks, {@code [start, end)}.
 */
public record Availability(long start, long end) {

    /** Ticks of {@code [from, to)} that no availability covers (availabilities do not overlap). */
    public static long uncovered(List<Availability> availabilities, long from, long to) {
        if (to <= from) {
            return 0L;
        }
        long covered = 0L;
        for (Availability availability : availabilities) {
            covered += Math.max(0L, Math.min(to, availability.end) - Math.max(from, availability.start));
        }
        return Math.max(0L, (to - from) - covered);
    }
}
