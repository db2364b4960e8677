package org.carerota.api.report;

import java.time.LocalDate;
import java.util.List;

/** An ADASS-style unmet-need summary: per child area and for the whole area. */
public record UnmetNeedSummary(
        ReportArea area,
        LocalDate from,
        LocalDate to,
        boolean disclosureControlled,
        List<UnmetNeedRow> areas,
        UnmetNeedRow total)
        implements UnmetNeedSummaryResult {}
