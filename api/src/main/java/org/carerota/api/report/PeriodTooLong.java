package org.carerota.api.report;

/** The period is longer than {@code carerota.reports.max-period-days}. */
public record PeriodTooLong(String message, int requestedDays, int maxDays) implements ReportProblem {

    static PeriodTooLong of(long requestedDays, int maxDays) {
        return new PeriodTooLong(
                "The period covers " + requestedDays + " days; a report covers at most " + maxDays + " days",
                (int) Math.min(Integer.MAX_VALUE, requestedDays),
                maxDays);
    }
}
