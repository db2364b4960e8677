package org.carerota.api.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A capacity report: one {@link CapacityGroup} per combination of the grouping values present in
 * the data.
 *
 * @param disclosureControlled true when small numbers are suppressed and counts rounded (commissioners)
 * @param suppressionThreshold the smallest count shown when controlled
 */
public record CapacityReport(
        ReportArea area,
        LocalDate from,
        LocalDate to,
        List<Grouping> groupBy,
        boolean disclosureControlled,
        int suppressionThreshold,
        LocalDate asOf,
        List<CapacityGroup> groups)
        implements CapacityReportResult {}
