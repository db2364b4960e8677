package org.carerota.api.rota;

import java.util.List;

import org.carerota.api.carer.Carer;
import org.carerota.api.visit.Visit;

/** What changed from plan a to plan b. */
public record PlanComparison(
        Plan a, Plan b, List<CarerPlanChange> carers, List<Visit> newlyUnassigned, List<Visit> newlyAssigned) {

    /** One carer's difference. */
    public record CarerPlanChange(Carer carer, List<Visit> gained, List<Visit> lost, List<Visit> retimed) {}
}
