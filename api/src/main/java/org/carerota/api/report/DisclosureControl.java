package org.carerota.api.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Small-number disclosure control for figures shown to commissioners (below national level).
 *
 * <ul>
 *   <li>A count of 0 is shown as 0; a count from 1 to {@code threshold - 1} is suppressed; any
 *       other count is rounded to the nearest 5, and never to 0 (a threshold below 3 shows 1 and 2 as
 *       5).
 *   <li>An amount (hours) is shown only when the people or carers behind it number 0 (then it is
 *       0) or at least {@code threshold}; it is then rounded to the nearest whole hour.
 *   <li>A mean or rate is shown only when the people or carers behind it number at least
 *       {@code threshold}; with none behind it there is no value.
 * </ul>
 *
 * Uncontrolled (a coordinator looking at their own organisation) shows every figure as it is,
 * amounts and means to 2 and 4 decimal places.
 */
public final class DisclosureControl {

    private final boolean controlled;
    private final int threshold;

    private DisclosureControl(boolean controlled, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.controlled = controlled;
        this.threshold = threshold;
    }

    /** Suppression and rounding at {@code threshold} (8: counts 1-7 suppressed). */
    public static DisclosureControl controlled(int threshold) {
        return new DisclosureControl(true, threshold);
    }

    /** Every figure as it is. */
    public static DisclosureControl none() {
        return new DisclosureControl(false, 1);
    }

    public boolean isControlled() {
        return controlled;
    }

    public int threshold() {
        return threshold;
    }

    /** A count of people, visits, slots or carers. */
    public Count count(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count is never negative: " + n);
        }
        if (!controlled || n == 0) {
            return new Count(n, false);
        }
        if (n < threshold) {
            return Count.SUPPRESSED;
        }
        // never shown as 0 (only possible with a threshold below 3): a true zero stays distinguishable
        return new Count(Math.max(5, Math.floorDiv(n + 2, 5) * 5), false);
    }

    /** An amount (hours) with the number of people or carers behind it. */
    public Amount amount(double value, long behind) {
        if (!controlled) {
            return new Amount(round(value, 2), false);
        }
        if (behind == 0) {
            return new Amount(0.0, false);
        }
        if (behind < threshold) {
            return Amount.SUPPRESSED;
        }
        return new Amount(round(value, 0), false);
    }

    /** A mean or rate over {@code n} people or carers; {@code null} value when there are none. */
    public Amount mean(double numerator, double denominator, long n) {
        if (n == 0 || denominator == 0) {
            return Amount.NONE;
        }
        double value = numerator / denominator;
        if (!controlled) {
            return new Amount(round(value, 4), false);
        }
        if (n < threshold) {
            return Amount.SUPPRESSED;
        }
        return new Amount(round(value, 2), false);
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
