package org.carerota.planner.domain;

import java.util.List;

/**
 * A period a carer must not work (sickness, leave, training), in ticks, {@code [start, end)}.
 *
 * @param reason free text, e.g. "sickness"
 */
public record Absence(long start, long end, String reason) {

    /** Ticks of {@code [from, to)} that fall in any absence. */
    public static long overlap(List<Absence> absences, long from, long to) {
        long total = 0L;
        for (Absence absence : absences) {
            total += Math.max(0L, Math.min(to, absence.end) - Math.max(from, absence.start));
        }
        return total;
    }
}
