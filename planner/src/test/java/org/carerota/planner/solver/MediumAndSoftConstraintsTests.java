package org.carerota.planner.solver;

import static org.carerota.planner.testdata.Places.at;
import static org.carerota.planner.testdata.Places.monday;

import java.util.List;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Commissioner;
import org.carerota.planner.domain.Gender;
import org.carerota.planner.domain.Pool;
import org.carerota.planner.domain.Sector;
import org.carerota.planner.domain.ServiceUser;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.testdata.Carers;
import org.carerota.planner.testdata.Routes;
import org.carerota.planner.testdata.Shifts;
import org.carerota.planner.testdata.Visits;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

class MediumAndSoftConstraintsTests {

    private final ConstraintVerifier<CareConstraintProvider, CareRota> verifier =
            ConstraintVerifier.build(new CareConstraintProvider(), CareRota.class, CarerShift.class, VisitSlot.class);

    private final Carer amal = Carers.named("amal").gender(Gender.F).build();
    private final Carer bea = Carers.named("bea").gender(Gender.F).build();

    // MEDIUM ----------------------------------------------------------

    @Test
    void unassignedVisitPenalizesSlotOnUnassignedShiftByPriorityAndMinutes() {
        CarerShift unassigned = Shifts.unassigned();
        VisitSlot visit = Visits.visit().slot(); // NORMAL (2) x 30 minutes
        Routes.assign(unassigned, visit);
        verifier.verifyThat(CareConstraintProvider::unassignedVisit)
                .given(unassigned, visit)
                .penalizesBy(60);
    }

    @Test
    void unassignedVisitPenalizesTimeCriticalVisitMore() {
        CarerShift unassigned = Shifts.unassigned();
        VisitSlot visit = Visits.visit().timeCritical().slot(); // 16 x 30
        Routes.assign(unassigned, visit);
        verifier.verifyThat(CareConstraintProvider::unassignedVisit)
                .given(unassigned, visit)
                .penalizesBy(480);
    }

    @Test
    void unassignedVisitIgnoresAssignedSlot() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::unassignedVisit)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void incompleteDoubleUpPenalizesPlacedSlotWhosePartnerIsUnassigned() {
        CarerShift shift = Shifts.monday(amal);
        CarerShift unassigned = Shifts.unassigned();
        List<VisitSlot> hoist = Visits.visit().carers(2).slots();
        Routes.assign(shift, hoist.get(0));
        Routes.assign(unassigned, hoist.get(1));
        verifier.verifyThat(CareConstraintProvider::incompleteDoubleUp)
                .given(shift, unassigned, hoist.get(0), hoist.get(1))
                .penalizesBy(30);
    }

    @Test
    void incompleteDoubleUpIgnoresFullyAssignedDoubleUp() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.monday(bea);
        List<VisitSlot> hoist = Visits.visit().carers(2).slots();
        Routes.assign(amalShift, hoist.get(0));
        Routes.assign(beaShift, hoist.get(1));
        verifier.verifyThat(CareConstraintProvider::incompleteDoubleUp)
                .given(amalShift, beaShift, hoist.get(0), hoist.get(1))
                .penalizesBy(0);
    }

    // SOFT ------------------------------------------------------------

    @Test
    void travelTimePenalizesMinutesThereAndBack() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().slot(); // 10 minutes each way
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::travelTime)
                .given(shift, visit)
                .penalizesBy(20);
    }

    @Test
    void travelTimeIgnoresEmptyShift() {
        CarerShift shift = Shifts.monday(amal);
        verifier.verifyThat(CareConstraintProvider::travelTime).given(shift).penalizesBy(0);
    }

    @Test
    void latePreferredStartPenalizesMinutesAfterPreferredStart() {
        CarerShift shift = Shifts.monday(amal); // arrives 07:10
        VisitSlot visit = Visits.visit()
                .between(monday(7, 0), monday(9, 0))
                .preferring(monday(7, 0))
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::latePreferredStart)
                .given(shift, visit)
                .penalizesBy(10);
    }

    @Test
    void latePreferredStartIgnoresStartAtPreferredTime() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().preferring(monday(8, 0)).slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::latePreferredStart)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void lateBeyondWindowPenalizesNormalVisitStartingAfterWindow() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().between(monday(7, 0), monday(7, 5)).slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::lateBeyondWindow)
                .given(shift, visit)
                .penalizesBy(5);
    }

    @Test
    void lateBeyondWindowIgnoresTimeCriticalVisit() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit()
                .timeCritical()
                .between(monday(7, 0), monday(7, 5))
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::lateBeyondWindow)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void nonRegularCarerPenalizesCarerNewToServiceUser() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit()
                .forServiceUser(Visits.person("sam").regularly("bea").build())
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::nonRegularCarer)
                .given(shift, visit)
                .penalizesBy(1);
    }

    @Test
    void nonRegularCarerIgnoresRegularCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit()
                .forServiceUser(Visits.person("sam").regularly("amal", "bea").build())
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::nonRegularCarer)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void distinctCarersPerWeekPenalizesSecondCarerInWeek() {
        ServiceUser sam = Visits.person("sam").build();
        CarerShift amalMonday = Shifts.on(amal, 0).build();
        CarerShift beaTuesday = Shifts.on(bea, 1).build();
        VisitSlot monday = Visits.visit().forServiceUser(sam).slot();
        VisitSlot tuesday = Visits.visit()
                .forServiceUser(sam)
                .between(at(1, 8, 0), at(1, 9, 0))
                .slot();
        Routes.assign(amalMonday, monday);
        Routes.assign(beaTuesday, tuesday);
        verifier.verifyThat(CareConstraintProvider::distinctCarersPerWeek)
                .given(amalMonday, beaTuesday, monday, tuesday)
                .penalizesBy(1);
    }

    @Test
    void distinctCarersPerWeekIgnoresSameCarerAllWeek() {
        ServiceUser sam = Visits.person("sam").build();
        CarerShift amalMonday = Shifts.on(amal, 0).build();
        CarerShift amalTuesday = Shifts.on(amal, 1).build();
        VisitSlot monday = Visits.visit().forServiceUser(sam).slot();
        VisitSlot tuesday = Visits.visit()
                .forServiceUser(sam)
                .between(at(1, 8, 0), at(1, 9, 0))
                .slot();
        Routes.assign(amalMonday, monday);
        Routes.assign(amalTuesday, tuesday);
        verifier.verifyThat(CareConstraintProvider::distinctCarersPerWeek)
                .given(amalMonday, amalTuesday, monday, tuesday)
                .penalizesBy(0);
    }

    @Test
    void genderPreferencePenalizesMaleCarerForWomanAskingForFemaleCarer() {
        CarerShift shift = Shifts.monday(Carers.named("dan").gender(Gender.M).build());
        VisitSlot visit = Visits.visit()
                .forServiceUser(Visits.person("sam").prefersGender(Gender.F).build())
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::genderPreference)
                .given(shift, visit)
                .penalizesBy(1);
    }

    @Test
    void genderPreferenceIgnoresMatchingCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit()
                .forServiceUser(Visits.person("sam").prefersGender(Gender.F).build())
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::genderPreference)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void preferredCarerPenalizesOtherCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit()
                .forServiceUser(Visits.person("sam").prefers("bea").build())
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::preferredCarer)
                .given(shift, visit)
                .penalizesBy(1);
    }

    @Test
    void preferredCarerIgnoresPreferredCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit()
                .forServiceUser(Visits.person("sam").prefers("amal").build())
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::preferredCarer)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void contractedMinutesDeviationPenalizesSquaredShortfall() {
        Carer carer = Carers.named("amal").contractedMinutesPerWeek(120).build();
        CarerShift shift = Shifts.monday(carer);
        VisitSlot visit = Visits.visit().slot(); // 30 contact + 20 travel = 50; 70 short; 4900 / 60
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::contractedMinutesDeviation)
                .given(shift, visit)
                .penalizesBy(81);
    }

    @Test
    void contractedMinutesDeviationIgnoresWeekMatchingContract() {
        Carer carer = Carers.named("amal").contractedMinutesPerWeek(50).build();
        CarerShift shift = Shifts.monday(carer);
        VisitSlot visit = Visits.visit().slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::contractedMinutesDeviation)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void idleGapPenalizesWaitBeyondThreshold() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot first = Visits.visit().slot(); // ends 08:30
        VisitSlot second = Visits.visit().between(monday(10, 0), monday(11, 0)).slot(); // 90 idle
        Routes.assign(shift, first, second);
        verifier.verifyThat(CareConstraintProvider::idleGap)
                .given(shift, first, second)
                .penalizesBy(60);
    }

    @Test
    void idleGapIgnoresShortWait() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot first = Visits.visit().slot();
        VisitSlot second = Visits.visit().between(monday(9, 0), monday(10, 0)).slot(); // 30 idle
        Routes.assign(shift, first, second);
        verifier.verifyThat(CareConstraintProvider::idleGap)
                .given(shift, first, second)
                .penalizesBy(0);
    }

    @Test
    void crossPoolCostPenalizesHealthCarerOnSocialCareVisit() {
        Pool nursing = new Pool("nursing", Sector.HEALTH, null, 6.0);
        CarerShift shift = Shifts.monday(Carers.named("amal").pool(nursing).build());
        VisitSlot visit = Visits.visit()
                .commissioner(new Commissioner("NCC", Sector.SOCIAL_CARE))
                .slot(); // 30 minutes at £6/h = 300p
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::crossPoolCost)
                .given(shift, visit)
                .penalizesBy(300);
    }

    @Test
    void crossPoolCostIgnoresSameSector() {
        Pool homeCare = new Pool("home-care", Sector.SOCIAL_CARE, null, 6.0);
        CarerShift shift = Shifts.monday(Carers.named("amal").pool(homeCare).build());
        VisitSlot visit = Visits.visit()
                .commissioner(new Commissioner("NCC", Sector.SOCIAL_CARE))
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::crossPoolCost)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void publishedPlanDisruptionPenalizesVisitMovedToAnotherCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().publishedTo("bea").slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::publishedPlanDisruption)
                .given(shift, visit)
                .penalizesBy(1);
    }

    @Test
    void publishedPlanDisruptionIgnoresVisitKeptByPublishedCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().publishedTo("amal").slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::publishedPlanDisruption)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void shiftUsageCostPenalizesUsedShift() {
        CarerShift shift = Shifts.on(amal, 0).usageCost(1000).build();
        VisitSlot visit = Visits.visit().slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::shiftUsageCost)
                .given(shift, visit)
                .penalizesBy(1000);
    }

    @Test
    void shiftUsageCostIgnoresEmptyShift() {
        CarerShift shift = Shifts.on(amal, 0).usageCost(1000).build();
        verifier.verifyThat(CareConstraintProvider::shiftUsageCost).given(shift).penalizesBy(0);
    }
}
