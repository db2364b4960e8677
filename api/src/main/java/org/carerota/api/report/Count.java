package org.carerota.api.report;

import org.jspecify.annotations.Nullable;

/**
 * A count in a report: its value, or none when suppressed (disclosure control).
 *
 * @param value the count (rounded to the nearest 5 for commissioners), null when suppressed
 * @param suppressed true when the true count is between 1 and the threshold
 */
public record Count(@Nullable Long value, boolean suppressed) {

    static final Count SUPPRESSED = new Count(null, true);

    /** The CSV cell: the number, or {@code [c]} (confidential) when suppressed. */
    String csv() {
        return suppressed || value == null ? "[c]" : value.toString();
    }

    /** The value for charts: 0 when suppressed. */
    long plotted() {
        return value == null ? 0 : value;
    }
}
