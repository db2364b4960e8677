package org.carerota.api.report;

/** The outcome of {@code capacityTrackerReturn}: the return, or a problem with the input. */
public sealed interface CapacityTrackerReturnResult permits CapacityTrackerReturn, ReportProblem {}
