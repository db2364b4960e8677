package org.carerota.api.report;

/** The outcome of {@code capacityReport}: the report, or a problem with the input. */
public sealed interface CapacityReportResult permits CapacityReport, ReportProblem {}
