package org.carerota.api.report;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Hours, a mean or a rate in a report.
 *
 * @param value the value; null when suppressed or when there is nothing to measure
 * @param suppressed true when hidden by disclosure control
 */
public record Amount(@Nullable Double value, boolean suppressed) {

    static final Amount SUPPRESSED = new Amount(null, true);
    static final Amount NONE = new Amount(null, false);

    /** The CSV cell: the number, {@code [c]} when suppressed, empty when there is no value. */
    String csv() {
        if (suppressed) {
            return "[c]";
        }
        return value == null
                ? ""
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The value for charts: 0 when suppressed or absent. */
    double plotted() {
        return value == null ? 0 : value;
    }
}
