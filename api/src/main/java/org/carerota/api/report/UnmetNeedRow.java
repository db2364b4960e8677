package org.carerota.api.report;

import java.util.List;

/**
 * Unmet need in one area (or in total: {@code area} is then the requested area).
 *
 * @param peopleWithUnmetNeed people with at least one visit slot the published rota could not cover
 * @param unmetHours carer hours of those slots
 * @param hoursNotDelivered planned carer hours of past visits with no completed check-in/out
 * @param unmetShare (unmet + not delivered) / commissioned hours
 */
public record UnmetNeedRow(
        ReportArea area,
        Count peopleWithUnmetNeed,
        Amount unmetHours,
        Count unmetSlots,
        Amount hoursNotDelivered,
        Count peopleNotDelivered,
        Amount commissionedHours,
        Amount unmetShare,
        Count missedVisits,
        Count lateVisits,
        List<ReasonCount> leadingReasons) {}
