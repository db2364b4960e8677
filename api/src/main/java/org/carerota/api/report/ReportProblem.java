package org.carerota.api.report;

/** Input a report cannot answer: a typed problem, never an empty report that looks real. */
public sealed interface ReportProblem extends CapacityReportResult, CapacityTrackerReturnResult, UnmetNeedSummaryResult
        permits PeriodTooLong, InvalidPeriod, AreaNotVisible, UnknownGrouping {

    String message();

    /** A short code for CSV/HTTP problem responses. */
    default String code() {
        return getClass().getSimpleName();
    }
}
