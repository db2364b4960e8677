package org.carerota.api.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A Capacity Tracker-style monthly return for home care, computed from the rota and delivery
 * records of one calendar month (mapping of each item: api/README.md, "Reports").
 */
public record CapacityTrackerReturn(
        ReportArea area,
        String month,
        LocalDate from,
        LocalDate to,
        boolean disclosureControlled,
        List<ReturnItem> items)
        implements CapacityTrackerReturnResult {}
