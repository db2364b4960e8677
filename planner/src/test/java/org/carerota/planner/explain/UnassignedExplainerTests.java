package org.carerota.planner.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carerota.planner.testdata.Places.monday;

import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.testdata.Carers;
import org.carerota.planner.testdata.Places;
import org.carerota.planner.testdata.Rotas;
import org.carerota.planner.testdata.Routes;
import org.carerota.planner.testdata.Shifts;
import org.carerota.planner.testdata.Visits;
import org.junit.jupiter.api.Test;

class UnassignedExplainerTests {

    private static UnassignedExplainer explainer(CareRota rota) {
        return new UnassignedExplainer(
                rota, ticks -> Places.MONDAY.atStartOfDay().plusMinutes(ticks));
    }

    @Test
    void shouldNameMissingSkillAndWindowWhenNoCarerHoldsIt() {
        Carer amal = Carers.named("amal").skills("personal-care").build();
        CarerShift shift = Shifts.monday(amal);
        CarerShift unassigned = Shifts.unassigned();
        VisitSlot peg = Visits.needing("peg-feeding")
                .between(monday(7, 0), monday(8, 0))
                .slot();
        Routes.assign(unassigned, peg);
        CareRota rota = Rotas.rota(List.of(amal), new ArrayList<>(List.of(shift, unassigned)), List.of(peg));

        List<String> reasons = explainer(rota).reasons(peg);

        assertThat(reasons.get(0)).isEqualTo("no carer with peg-feeding in date is free 07:00–08:00 on Mon 2 Mar");
        assertThat(reasons).contains("no carer working that day holds peg-feeding in date");
    }

    @Test
    void shouldSayCarersAreBusyWhenEveryQualifiedCarerIsTaken() {
        Carer amal = Carers.named("amal").build();
        CarerShift shift = Shifts.monday(amal);
        CarerShift unassigned = Shifts.unassigned();
        VisitSlot taken = Visits.visit().lasting(60).slot();
        VisitSlot clash =
                Visits.at(Places.OAK_ROAD).between(monday(8, 0), monday(8, 10)).slot();
        Routes.assign(shift, taken);
        Routes.assign(unassigned, clash);
        CareRota rota = Rotas.rota(List.of(amal), new ArrayList<>(List.of(shift, unassigned)), List.of(taken, clash));

        UnassignedExplainer.Explanation explanation = explainer(rota).explain(clash);

        assertThat(explanation.category()).isEqualTo("busy");
        assertThat(explanation.reasons()).contains("already busy with other visits, no gap with travel: amal");
    }

    @Test
    void shouldNameACarerOnceWhenTheirSplitDayHasTwoShifts() {
        Carer amal = Carers.named("amal").skills("personal-care").build();
        CarerShift morning = Shifts.on(amal, 0).from(7, 0).until(11, 0).build();
        CarerShift evening = Shifts.on(amal, 0).from(16, 0).until(21, 0).build();
        CarerShift unassigned = Shifts.unassigned();
        VisitSlot peg = Visits.needing("peg-feeding")
                .between(monday(7, 0), monday(8, 0))
                .slot();
        Routes.assign(unassigned, peg);
        CareRota rota = Rotas.rota(List.of(amal), new ArrayList<>(List.of(morning, evening, unassigned)), List.of(peg));

        List<String> reasons = explainer(rota).reasons(peg);

        assertThat(reasons).contains("lack peg-feeding in date: amal");
    }

    @Test
    void shouldSayNoShiftWhenNobodyWorksThatDay() {
        Carer amal = Carers.named("amal").build();
        CarerShift tuesday = Shifts.on(amal, 1).build();
        CarerShift unassigned = Shifts.unassigned();
        VisitSlot monday = Visits.visit().slot();
        Routes.assign(unassigned, monday);
        CareRota rota = Rotas.rota(List.of(amal), new ArrayList<>(List.of(tuesday, unassigned)), List.of(monday));

        assertThat(explainer(rota).explain(monday).reasons()).containsExactly("no carer has a shift on Mon 2 Mar");
    }
}
