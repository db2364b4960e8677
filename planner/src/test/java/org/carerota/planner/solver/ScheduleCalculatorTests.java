package org.carerota.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carerota.planner.testdata.Places.monday;

import java.util.List;

import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.testdata.Carers;
import org.carerota.planner.testdata.Places;
import org.carerota.planner.testdata.Routes;
import org.carerota.planner.testdata.Shifts;
import org.carerota.planner.testdata.Visits;
import org.junit.jupiter.api.Test;

class ScheduleCalculatorTests {

    private final Carer amal = Carers.named("amal").build();
    private final Carer bea = Carers.named("bea").build();

    @Test
    void shouldStartAtWindowStartWhenCarerArrivesEarly() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().slot();
        Routes.assign(shift, visit);
        assertThat(visit.getArrival()).isEqualTo(monday(7, 10));
        assertThat(visit.getStart()).isEqualTo(monday(8, 0));
        assertThat(visit.getEnd()).isEqualTo(monday(8, 30));
        assertThat(shift.getSummary().returnTime()).isEqualTo(monday(8, 40));
        assertThat(shift.getSummary().departure()).isEqualTo(monday(7, 50));
    }

    @Test
    void shouldMakeEarlierCarerWaitWhenDoubleUpPartnerArrivesLater() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.on(bea, 0).from(8, 30).build(); // arrives 08:40
        List<VisitSlot> hoist = Visits.visit().carers(2).slots();
        Routes.assign(amalShift, hoist.get(0));
        Routes.assign(beaShift, hoist.get(1));
        assertThat(hoist.get(0).getArrival()).isEqualTo(monday(7, 10));
        assertThat(hoist.get(0).getStart()).isEqualTo(monday(8, 40));
        assertThat(hoist.get(1).getStart()).isEqualTo(monday(8, 40));
        assertThat(hoist.get(0).isUnsynchronised()).isFalse();
    }

    @Test
    void shouldPropagateDelayToPartnerShiftWhenEarlierVisitMoves() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.monday(bea);
        List<VisitSlot> hoist =
                Visits.visit().carers(2).between(monday(8, 0), monday(12, 0)).slots();
        VisitSlot after =
                Visits.at(Places.OAK_ROAD).between(monday(8, 0), monday(12, 0)).slot();
        Routes.assign(amalShift, hoist.get(0));
        Routes.assign(beaShift, hoist.get(1), after);
        assertThat(after.getStart()).isEqualTo(monday(8, 40)); // 08:30 + 10 minutes
        VisitSlot longVisit = Visits.at(Places.ASH_LANE)
                .between(monday(7, 30), monday(12, 0))
                .lasting(60)
                .slot();
        Routes.assign(amalShift, longVisit, hoist.get(0)); // amal busy 07:30-08:30, then 31.6 minutes' drive
        long hoistStart = hoist.get(0).getStart();
        assertThat(hoistStart).isGreaterThan(monday(8, 30));
        assertThat(hoist.get(1).getStart()).isEqualTo(hoistStart);
        assertThat(after.getStart()).isEqualTo(hoistStart + 30 + 10);
        assertThat(beaShift.getSummary().returnTime()).isEqualTo(after.getEnd() + 20);
    }

    @Test
    void shouldMarkDoubleUpUnsynchronisedWhenOneCarerServesBothSlots() {
        CarerShift shift = Shifts.monday(amal);
        List<VisitSlot> hoist = Visits.visit().carers(2).slots();
        VisitSlot after =
                Visits.at(Places.OAK_ROAD).between(monday(8, 0), monday(12, 0)).slot();
        Routes.assign(shift, hoist.get(0), hoist.get(1), after);
        assertThat(hoist).allMatch(VisitSlot::isUnsynchronised);
        assertThat(after.isUnsynchronised()).isTrue();
        assertThat(after.getStart()).isNull();
    }

    @Test
    void shouldEnforceMinimumGapByWaitingWhenVisitDependsOnAnother() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.monday(bea);
        List<VisitSlot> first = Visits.visit().slots();
        List<VisitSlot> second =
                Visits.visit().between(monday(8, 0), monday(12, 0)).slots();
        Visits.dependOn(second, first, 120, 240);
        Routes.assign(amalShift, first);
        Routes.assign(beaShift, second);
        assertThat(second.get(0).getStart()).isEqualTo(monday(10, 0));
    }

    @Test
    void shouldClearTimesWhenSlotMovesToUnassignedShift() {
        CarerShift shift = Shifts.monday(amal);
        CarerShift unassigned = Shifts.unassigned();
        VisitSlot visit = Visits.visit().slot();
        Routes.assign(shift, visit);
        Routes.assign(shift);
        Routes.assign(unassigned, visit);
        assertThat(visit.getStart()).isNull();
        assertThat(visit.isAssigned()).isFalse();
        assertThat(shift.getSummary().visits()).isZero();
    }
}
