package org.carerota.api.report;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The figures of one group of a capacity report (see api/README.md, "Reports", for each definition). */
public record CapacityGroup(
        @Nullable ReportArea area,
        @Nullable LocalDate week,
        @Nullable LocalDate day,
        @Nullable String sector,
        @Nullable ReportOrganisation commissioner,
        @Nullable ReportPool pool,
        Amount commissionedHours,
        Count commissionedPeople,
        Amount plannedHours,
        Count plannedVisits,
        Amount unassignedHours,
        Count unassignedSlots,
        Count unassignedPeople,
        List<ReasonCount> leadingReasons,
        Amount deliveredHours,
        Count deliveredPeople,
        Amount notDeliveredHours,
        Count notDeliveredPeople,
        Count dueVisits,
        Count lateVisits,
        Count missedVisits,
        Count shortVisits,
        Count carersRostered,
        Count workforceCarers,
        Amount shiftHours,
        Amount absenceHours,
        Amount availableHours,
        Amount usedHours,
        Amount utilisation,
        Amount travelHours,
        Amount travelShare,
        Amount absenceRate,
        Amount continuity,
        Count continuityPeople,
        Amount healthOnSocialCareHours,
        Amount socialCareOnHealthHours,
        Amount crossPoolHours,
        List<CrossPoolFlow> crossPoolFlows) {}
