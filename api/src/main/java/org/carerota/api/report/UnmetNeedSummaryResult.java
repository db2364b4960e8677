package org.carerota.api.report;

/** The outcome of {@code unmetNeedSummary}: the summary, or a problem with the input. */
public sealed interface UnmetNeedSummaryResult permits UnmetNeedSummary, ReportProblem {}
