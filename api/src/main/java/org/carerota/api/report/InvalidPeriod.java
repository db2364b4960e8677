package org.carerota.api.report;

/** The period ends before it starts (or a month is malformed). */
public record InvalidPeriod(String message) implements ReportProblem {}
