package org.carerota.api.report;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One group of {@code reports_capacity} as the database computes it: the grouping keys (null when
 * not grouped by) and the exact aggregates, before disclosure control. Never leaves the service.
 */
record CapacityRow(
        @Nullable UUID areaId,
        @Nullable String areaName,
        @Nullable LocalDate week,
        @Nullable LocalDate day,
        @Nullable String sector,
        @Nullable UUID commissionerId,
        @Nullable String commissionerName,
        @Nullable UUID poolId,
        @Nullable String poolName,
        double commissionedHours,
        long commissionedPeople,
        double plannedHours,
        long plannedPeople,
        long plannedVisits,
        long carersRostered,
        double unassignedHours,
        long unassignedSlots,
        long unassignedPeople,
        double deliveredHours,
        long deliveredPeople,
        double notDeliveredHours,
        long notDeliveredPeople,
        long dueVisits,
        long checkedInVisits,
        long lateVisits,
        long missedVisits,
        long shortVisits,
        double shiftHours,
        double absenceHours,
        double usedHours,
        double travelHours,
        long workforceCarers,
        double continuitySum,
        long continuityUnits,
        long continuityPeople,
        double healthOnSocialCareHours,
        double socialCareOnHealthHours,
        long crossPoolCarers,
        String leadingReasonsJson,
        String crossPoolFlowsJson) {}
