package org.carerota.planner.solver;

import static org.carerota.planner.testdata.Places.MONDAY;
import static org.carerota.planner.testdata.Places.monday;

import java.util.List;
import java.util.Set;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Commissioner;
import org.carerota.planner.domain.Pay;
import org.carerota.planner.domain.PayModel;
import org.carerota.planner.domain.Pool;
import org.carerota.planner.domain.Sector;
import org.carerota.planner.domain.ShiftRules;
import org.carerota.planner.domain.StartedPart;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.testdata.Carers;
import org.carerota.planner.testdata.Places;
import org.carerota.planner.testdata.Routes;
import org.carerota.planner.testdata.Shifts;
import org.carerota.planner.testdata.Visits;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

class HardConstraintsTests {

    private final ConstraintVerifier<CareConstraintProvider, CareRota> verifier =
            ConstraintVerifier.build(new CareConstraintProvider(), CareRota.class, CarerShift.class, VisitSlot.class);

    private final Carer amal = Carers.named("amal").build();
    private final Carer bea = Carers.named("bea").build();

    @Test
    void missingSkillPenalizesVisitNeedingHoistWhenCarerUntrained() {
        CarerShift shift = Shifts.monday(Carers.withSkills("personal-care"));
        VisitSlot morning =
                Visits.needing("hoist").between(monday(8, 0), monday(9, 0)).slot();
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::missingSkill)
                .given(shift, morning)
                .penalizesBy(1);
    }

    @Test
    void missingSkillPenalizesSkillExpiredBeforeVisitDay() {
        CarerShift shift = Shifts.monday(
                Carers.named("amal").skillUntil("peg", MONDAY.minusDays(1)).build());
        VisitSlot morning = Visits.needing("peg").slot();
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::missingSkill)
                .given(shift, morning)
                .penalizesBy(1);
    }

    @Test
    void missingSkillIgnoresCarerHoldingSkillInDate() {
        CarerShift shift =
                Shifts.monday(Carers.named("amal").skillUntil("peg", MONDAY).build());
        VisitSlot morning = Visits.needing("peg").slot();
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::missingSkill)
                .given(shift, morning)
                .penalizesBy(0);
    }

    @Test
    void outsideAvailabilityPenalizesVisitBeforeAvailabilityStarts() {
        CarerShift shift =
                Shifts.on(amal, 0).available(monday(8, 15), monday(12, 0)).build();
        VisitSlot morning = Visits.visit().slot(); // 08:00-08:30
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::outsideAvailability)
                .given(shift, morning)
                .penalizesBy(15);
    }

    @Test
    void outsideAvailabilityIgnoresVisitInsideAvailability() {
        CarerShift shift =
                Shifts.on(amal, 0).available(monday(7, 0), monday(12, 0)).build();
        VisitSlot morning = Visits.visit().slot();
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::outsideAvailability)
                .given(shift, morning)
                .penalizesBy(0);
    }

    @Test
    void lateReturnPenalizesCarerBackHomeAfterShiftEnd() {
        CarerShift shift = Shifts.on(amal, 0).until(8, 35).build();
        VisitSlot morning = Visits.visit().slot(); // ends 08:30, 10 minutes home
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::lateReturn)
                .given(shift, morning)
                .penalizesBy(5);
    }

    @Test
    void lateReturnIgnoresCarerBackHomeInTime() {
        CarerShift shift = Shifts.on(amal, 0).until(8, 40).build();
        VisitSlot morning = Visits.visit().slot();
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::lateReturn)
                .given(shift, morning)
                .penalizesBy(0);
    }

    @Test
    void absenceOverlapPenalizesVisitDuringSickness() {
        CarerShift shift =
                Shifts.on(amal, 0).absent(monday(8, 15), monday(10, 0)).build();
        VisitSlot morning = Visits.visit().slot();
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::absenceOverlap)
                .given(shift, morning)
                .penalizesBy(15);
    }

    @Test
    void absenceOverlapIgnoresAbsenceLaterInDay() {
        CarerShift shift =
                Shifts.on(amal, 0).absent(monday(12, 0), monday(13, 0)).build();
        VisitSlot morning = Visits.visit().slot();
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::absenceOverlap)
                .given(shift, morning)
                .penalizesBy(0);
    }

    @Test
    void wrongDayPenalizesMondayVisitOnTuesdayShift() {
        CarerShift tuesday = Shifts.on(amal, 1).build();
        VisitSlot morning = Visits.visit().slot();
        Routes.assign(tuesday, morning);
        verifier.verifyThat(CareConstraintProvider::wrongDay)
                .given(tuesday, morning)
                .penalizesBy(1);
    }

    @Test
    void wrongDayIgnoresVisitOnItsDay() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot morning = Visits.visit().slot();
        Routes.assign(shift, morning);
        verifier.verifyThat(CareConstraintProvider::wrongDay)
                .given(shift, morning)
                .penalizesBy(0);
    }

    @Test
    void timeCriticalLatePenalizesMedicationStartingAfterWindow() {
        CarerShift shift = Shifts.monday(amal); // leaves 07:00, arrives 07:10
        VisitSlot medication = Visits.visit()
                .timeCritical()
                .between(monday(7, 0), monday(7, 5))
                .slot();
        Routes.assign(shift, medication);
        verifier.verifyThat(CareConstraintProvider::timeCriticalLate)
                .given(shift, medication)
                .penalizesBy(5);
    }

    @Test
    void timeCriticalLateIgnoresMedicationInsideWindow() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot medication = Visits.visit().timeCritical().slot();
        Routes.assign(shift, medication);
        verifier.verifyThat(CareConstraintProvider::timeCriticalLate)
                .given(shift, medication)
                .penalizesBy(0);
    }

    @Test
    void doubleUpSynchronisationPenalizesBothSlotsOnSameCarer() {
        CarerShift shift = Shifts.monday(amal);
        List<VisitSlot> hoist = Visits.visit().carers(2).slots();
        Routes.assign(shift, hoist);
        verifier.verifyThat(CareConstraintProvider::doubleUpSynchronisation)
                .given(shift, hoist.get(0), hoist.get(1))
                .penalizesBy(2);
    }

    @Test
    void doubleUpSynchronisationPenalizesCarersWaitingOnEachOther() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.monday(bea);
        List<VisitSlot> first = Visits.visit().carers(2).slots();
        List<VisitSlot> second =
                Visits.visit().carers(2).between(monday(8, 0), monday(10, 0)).slots();
        Routes.assign(amalShift, first.get(0), second.get(0));
        Routes.assign(beaShift, second.get(1), first.get(1));
        verifier.verifyThat(CareConstraintProvider::doubleUpSynchronisation)
                .given(amalShift, beaShift, first.get(0), first.get(1), second.get(0), second.get(1))
                .penalizesBy(4);
    }

    @Test
    void doubleUpSynchronisationIgnoresTwoCarersStartingTogether() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.monday(bea);
        List<VisitSlot> hoist = Visits.visit().carers(2).slots();
        Routes.assign(amalShift, hoist.get(0));
        Routes.assign(beaShift, hoist.get(1));
        verifier.verifyThat(CareConstraintProvider::doubleUpSynchronisation)
                .given(amalShift, beaShift, hoist.get(0), hoist.get(1))
                .penalizesBy(0);
    }

    @Test
    void dependencyGapPenalizesSecondVisitTooLongAfterFirst() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.on(bea, 0).from(10, 0).build(); // arrives 10:10
        List<VisitSlot> first = Visits.visit().slots();
        List<VisitSlot> second =
                Visits.visit().between(monday(8, 0), monday(12, 0)).slots();
        Visits.dependOn(second, first, 0, 60);
        Routes.assign(amalShift, first);
        Routes.assign(beaShift, second);
        verifier.verifyThat(CareConstraintProvider::dependencyGap)
                .given(amalShift, beaShift, first.get(0), second.get(0))
                .penalizesBy(70);
    }

    @Test
    void dependencyGapIgnoresSecondVisitWithinGap() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.monday(bea);
        List<VisitSlot> first = Visits.visit().slots();
        List<VisitSlot> second =
                Visits.visit().between(monday(8, 0), monday(12, 0)).slots();
        Visits.dependOn(second, first, 30, 60);
        Routes.assign(amalShift, first);
        Routes.assign(beaShift, second);
        verifier.verifyThat(CareConstraintProvider::dependencyGap)
                .given(amalShift, beaShift, first.get(0), second.get(0))
                .penalizesBy(0);
    }

    @Test
    void dependencySameCarerPenalizesBothVisitsByOneCarer() {
        CarerShift shift = Shifts.monday(amal);
        List<VisitSlot> first = Visits.visit().slots();
        List<VisitSlot> second =
                Visits.visit().between(monday(8, 0), monday(12, 0)).slots();
        Visits.dependOn(second, first, 30, 120);
        Routes.assign(shift, first.get(0), second.get(0));
        verifier.verifyThat(CareConstraintProvider::dependencySameCarer)
                .given(shift, first.get(0), second.get(0))
                .penalizesBy(1);
    }

    @Test
    void dependencySameCarerIgnoresDifferentCarers() {
        CarerShift amalShift = Shifts.monday(amal);
        CarerShift beaShift = Shifts.monday(bea);
        List<VisitSlot> first = Visits.visit().slots();
        List<VisitSlot> second =
                Visits.visit().between(monday(8, 0), monday(12, 0)).slots();
        Visits.dependOn(second, first, 30, 120);
        Routes.assign(amalShift, first);
        Routes.assign(beaShift, second);
        verifier.verifyThat(CareConstraintProvider::dependencySameCarer)
                .given(amalShift, beaShift, first.get(0), second.get(0))
                .penalizesBy(0);
    }

    @Test
    void bannedCarerPenalizesVisitByBannedCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit()
                .forServiceUser(Visits.person("sam").bans("amal").build())
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::bannedCarer)
                .given(shift, visit)
                .penalizesBy(1);
    }

    @Test
    void bannedCarerIgnoresOtherCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit()
                .forServiceUser(Visits.person("sam").bans("bea").build())
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::bannedCarer)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void poolNotEligiblePenalizesNhsPoolOnCouncilVisitWithoutAgreement() {
        Pool nursing = new Pool("nursing", Sector.HEALTH, Set.of("ICB"), 1.0);
        CarerShift shift = Shifts.monday(Carers.named("amal").pool(nursing).build());
        VisitSlot visit = Visits.visit()
                .commissioner(new Commissioner("NCC", Sector.SOCIAL_CARE))
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::poolNotEligible)
                .given(shift, visit)
                .penalizesBy(1);
    }

    @Test
    void poolNotEligibleIgnoresPoolServingCommissioner() {
        Pool nursing = new Pool("nursing", Sector.HEALTH, Set.of("ICB", "NCC"), 1.0);
        CarerShift shift = Shifts.monday(Carers.named("amal").pool(nursing).build());
        VisitSlot visit = Visits.visit()
                .commissioner(new Commissioner("NCC", Sector.SOCIAL_CARE))
                .slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::poolNotEligible)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void pinnedCarerMismatchPenalizesVisitPinnedToOtherCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().pinnedTo("bea").slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::pinnedCarerMismatch)
                .given(shift, visit)
                .penalizesBy(1);
    }

    @Test
    void pinnedCarerMismatchIgnoresVisitOnPinnedCarer() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot visit = Visits.visit().pinnedTo("amal").slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::pinnedCarerMismatch)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void dailyMaxWorkingTimePenalizesDayLongerThanMaximum() {
        CarerShift shift =
                Shifts.monday(Carers.named("amal").maxWorkingMinutesPerDay(30).build());
        VisitSlot visit = Visits.visit().slot(); // leaves 07:50, back 08:40
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::dailyMaxWorkingTime)
                .given(shift, visit)
                .penalizesBy(20);
    }

    @Test
    void dailyMaxWorkingTimeIgnoresDayWithinMaximum() {
        CarerShift shift =
                Shifts.monday(Carers.named("amal").maxWorkingMinutesPerDay(50).build());
        VisitSlot visit = Visits.visit().slot();
        Routes.assign(shift, visit);
        verifier.verifyThat(CareConstraintProvider::dailyMaxWorkingTime)
                .given(shift, visit)
                .penalizesBy(0);
    }

    @Test
    void dailyMaxWorkingTimePenalizesSplitDayOverMaximumAcrossBothShifts() {
        Carer carer = Carers.named("amal").maxWorkingMinutesPerDay(80).build();
        CarerShift morning = Shifts.on(carer, 0).from(7, 0).until(12, 0).build();
        CarerShift evening = Shifts.on(carer, 0).from(17, 0).until(22, 0).build();
        VisitSlot breakfast = Visits.visit().slot(); // 07:50-08:40 away from home: 50
        VisitSlot supper = Visits.visit().between(monday(18, 0), monday(19, 0)).slot(); // 17:50-18:40: 50
        Routes.assign(morning, breakfast);
        Routes.assign(evening, supper);
        verifier.verifyThat(CareConstraintProvider::dailyMaxWorkingTime)
                .given(morning, evening, breakfast, supper)
                .penalizesBy(20);
    }

    private static final ShiftRules BREAK_AFTER_AN_HOUR = new ShiftRules(60, 20, 30, -1, 1);

    @Test
    void restBreakPenalizesLongDayWithoutBreak() {
        CarerShift shift = Shifts.on(amal, 0).rules(BREAK_AFTER_AN_HOUR).build();
        VisitSlot first = Visits.visit().slot(); // 08:00-08:30
        VisitSlot second = Visits.visit().between(monday(8, 30), monday(9, 30)).slot(); // 08:30-09:00
        Routes.assign(shift, first, second);
        verifier.verifyThat(CareConstraintProvider::restBreak)
                .given(shift, first, second)
                .penalizesBy(20);
    }

    @Test
    void restBreakIgnoresLongDayWithTwentyMinuteBreak() {
        CarerShift shift = Shifts.on(amal, 0).rules(BREAK_AFTER_AN_HOUR).build();
        VisitSlot first = Visits.visit().slot();
        VisitSlot second = Visits.visit().between(monday(8, 50), monday(9, 30)).slot();
        Routes.assign(shift, first, second);
        verifier.verifyThat(CareConstraintProvider::restBreak)
                .given(shift, first, second)
                .penalizesBy(0);
    }

    private static final ShiftRules TEN_POUND_FLOOR = new ShiftRules(360, 20, 30, 1000, 1);

    @Test
    void minimumWagePenalizesPerVisitPayBelowFloorOverSpreadDay() {
        CarerShift shift = Shifts.on(
                        Carers.named("amal")
                                .pay(new Pay(PayModel.PER_VISIT, 5.0))
                                .build(),
                        0)
                .rules(TEN_POUND_FLOOR)
                .build();
        VisitSlot first = Visits.visit().slot(); // 08:00-08:30
        VisitSlot second = Visits.visit().between(monday(10, 0), monday(11, 0)).slot(); // 10:00-10:30
        Routes.assign(shift, first, second);
        // 150 minutes at £10/h = 2500p required, 2 x £5 = 1000p earned
        verifier.verifyThat(CareConstraintProvider::minimumWage)
                .given(shift, first, second)
                .penalizesBy(1500);
    }

    @Test
    void minimumWageIgnoresHourlyPaidCarer() {
        CarerShift shift = Shifts.on(
                        Carers.named("amal").pay(new Pay(PayModel.HOURLY, 5.0)).build(), 0)
                .rules(TEN_POUND_FLOOR)
                .build();
        VisitSlot first = Visits.visit().slot();
        VisitSlot second = Visits.visit().between(monday(10, 0), monday(11, 0)).slot();
        Routes.assign(shift, first, second);
        verifier.verifyThat(CareConstraintProvider::minimumWage)
                .given(shift, first, second)
                .penalizesBy(0);
    }

    @Test
    void minimumWageIgnoresPerVisitPayAboveFloor() {
        CarerShift shift = Shifts.on(
                        Carers.named("amal")
                                .pay(new Pay(PayModel.PER_VISIT, 20.0))
                                .build(),
                        0)
                .rules(TEN_POUND_FLOOR)
                .build();
        VisitSlot first = Visits.visit().slot();
        VisitSlot second = Visits.visit().between(monday(10, 0), monday(11, 0)).slot();
        Routes.assign(shift, first, second);
        verifier.verifyThat(CareConstraintProvider::minimumWage)
                .given(shift, first, second)
                .penalizesBy(0);
    }

    // Re-planning: the part of the day already worked (StartedPart) counts in the day's checks ------------------

    /** Two visits at Elm Street 08:00-08:20 and 08:40-09:00 (a 20-minute wait between), left home 07:50. */
    private static final StartedPart MORNING_WITH_BREAK =
            new StartedPart(2, monday(7, 50), monday(8, 0), monday(9, 0), 10, 40, 20, 20, 0);

    /** One visit at Elm Street 08:00-08:30, left home 07:50. */
    private static final StartedPart ONE_MORNING_VISIT =
            new StartedPart(1, monday(7, 50), monday(8, 0), monday(8, 30), 10, 30, 0, 0, 0);

    @Test
    void restBreakIgnoresReplannedDayWhenBreakWasTakenInStartedMorning() {
        CarerShift shift = Shifts.on(amal, 0)
                .rules(BREAK_AFTER_AN_HOUR)
                .started(MORNING_WITH_BREAK, Places.ELM_STREET)
                .build();
        VisitSlot first = Visits.visit().between(monday(9, 0), monday(9, 30)).slot(); // 09:00-09:30
        VisitSlot second = Visits.visit().between(monday(9, 30), monday(10, 0)).slot(); // 09:30-10:00
        Routes.assign(shift, first, second);
        // the rest of the day alone (09:00-10:10, no wait) would need a break; the whole day has had one
        verifier.verifyThat(CareConstraintProvider::restBreak)
                .given(shift, first, second)
                .penalizesBy(0);
    }

    @Test
    void restBreakPenalizesReplannedDayLongerThanLimitCountingStartedMorning() {
        CarerShift shift = Shifts.on(amal, 0)
                .rules(BREAK_AFTER_AN_HOUR)
                .started(ONE_MORNING_VISIT, Places.ELM_STREET)
                .build();
        VisitSlot next = Visits.visit().between(monday(8, 30), monday(9, 0)).slot(); // 08:30-09:00, back 09:10
        Routes.assign(shift, next);
        // 07:50-09:10 is 80 minutes with no wait; the rest of the day alone (08:30-09:10) would be 40
        verifier.verifyThat(CareConstraintProvider::restBreak)
                .given(shift, next)
                .penalizesBy(20);
    }

    @Test
    void restBreakIgnoresReplannedDayWhenWaitAfterStartedMorningIsTheBreak() {
        CarerShift shift = Shifts.on(amal, 0)
                .rules(BREAK_AFTER_AN_HOUR)
                .started(ONE_MORNING_VISIT, Places.ELM_STREET)
                .build();
        VisitSlot next = Visits.visit().between(monday(8, 50), monday(9, 30)).slot(); // waits 08:30-08:50
        Routes.assign(shift, next);
        verifier.verifyThat(CareConstraintProvider::restBreak)
                .given(shift, next)
                .penalizesBy(0);
    }

    @Test
    void minimumWagePenalizesReplannedDayCountingStartedMorningInTimeWorked() {
        CarerShift shift = Shifts.on(
                        Carers.named("amal")
                                .pay(new Pay(PayModel.PER_VISIT, 5.0))
                                .build(),
                        0)
                .rules(TEN_POUND_FLOOR)
                .started(ONE_MORNING_VISIT, Places.ELM_STREET)
                .build();
        VisitSlot afternoon =
                Visits.visit().between(monday(10, 0), monday(11, 0)).slot(); // 10:00-10:30
        Routes.assign(shift, afternoon);
        // 08:00-10:30 is 150 minutes at £10/h = 2500p required, 2 x £5 = 1000p earned (alone: 500p for 500p)
        verifier.verifyThat(CareConstraintProvider::minimumWage)
                .given(shift, afternoon)
                .penalizesBy(1500);
    }

    @Test
    void minimumWageIgnoresReplannedDayWhenStartedMorningsPayCoversAfternoonGap() {
        CarerShift shift = Shifts.on(
                        Carers.named("amal")
                                .pay(new Pay(PayModel.PER_VISIT, 10.0))
                                .build(),
                        0)
                .rules(TEN_POUND_FLOOR)
                .started(
                        new StartedPart(3, monday(7, 50), monday(8, 0), monday(9, 0), 10, 60, 0, 0, 0),
                        Places.ELM_STREET)
                .build();
        VisitSlot late = Visits.visit().between(monday(10, 0), monday(10, 30)).slot(); // 10:00-10:30
        VisitSlot later = Visits.visit().between(monday(12, 0), monday(12, 30)).slot(); // 12:00-12:30
        Routes.assign(shift, late, later);
        // 08:00-12:30 is 270 minutes: 4500p required, 5 x £10 = 5000p earned; the rest alone would be 2500p for 2000p
        verifier.verifyThat(CareConstraintProvider::minimumWage)
                .given(shift, late, later)
                .penalizesBy(0);
    }

    @Test
    void dailyMaxWorkingTimePenalizesReplannedDayCountingStartedMorning() {
        CarerShift shift = Shifts.on(
                        Carers.named("amal").maxWorkingMinutesPerDay(60).build(), 0)
                .started(ONE_MORNING_VISIT, Places.ELM_STREET)
                .build();
        VisitSlot next = Visits.visit().between(monday(8, 30), monday(9, 0)).slot(); // 08:30-09:00, back 09:10
        Routes.assign(shift, next);
        // left 07:50, back 09:10: 80 minutes
        verifier.verifyThat(CareConstraintProvider::dailyMaxWorkingTime)
                .given(shift, next)
                .penalizesBy(20);
    }

    @Test
    void lateReturnPenalizesReplannedShiftWithOnlyStartedVisitsBackLate() {
        CarerShift shift = Shifts.on(amal, 0)
                .until(8, 35)
                .started(ONE_MORNING_VISIT, Places.ELM_STREET)
                .build();
        Routes.assign(shift);
        // nothing left to plan, but the carer still goes home: 08:30 + 10 minutes
        verifier.verifyThat(CareConstraintProvider::lateReturn).given(shift).penalizesBy(5);
    }

    @Test
    void lateReturnIgnoresReplannedShiftBackInTime() {
        CarerShift shift = Shifts.on(amal, 0)
                .until(9, 20)
                .started(ONE_MORNING_VISIT, Places.ELM_STREET)
                .build();
        VisitSlot next = Visits.visit().between(monday(8, 30), monday(9, 0)).slot(); // back 09:10
        Routes.assign(shift, next);
        verifier.verifyThat(CareConstraintProvider::lateReturn)
                .given(shift, next)
                .penalizesBy(0);
    }

    @Test
    void bannedCarerPenalizesCarerOfStartedVisitThatTheVisitDependsOn() {
        CarerShift shift = Shifts.monday(amal);
        VisitSlot followUp = Visits.visit().slot();
        followUp.getVisit().notBy("amal"); // re-planning: amal started the visit this one depends on
        Routes.assign(shift, followUp);
        verifier.verifyThat(CareConstraintProvider::bannedCarer)
                .given(shift, followUp)
                .penalizesBy(1);
    }

    @Test
    void bannedCarerIgnoresOtherCarerOfVisitDependingOnStartedVisit() {
        CarerShift shift = Shifts.monday(bea);
        VisitSlot followUp = Visits.visit().slot();
        followUp.getVisit().notBy("amal");
        Routes.assign(shift, followUp);
        verifier.verifyThat(CareConstraintProvider::bannedCarer)
                .given(shift, followUp)
                .penalizesBy(0);
    }

    @Test
    void vehicleCapacityPenalizesLoadOverCapacity() {
        CarerShift shift = Shifts.on(amal, 0).capacity(10).build();
        VisitSlot first = Visits.visit().demand(6).slot();
        VisitSlot second =
                Visits.visit().demand(6).between(monday(9, 0), monday(10, 0)).slot();
        Routes.assign(shift, first, second);
        verifier.verifyThat(CareConstraintProvider::vehicleCapacity)
                .given(shift, first, second)
                .penalizesBy(2);
    }

    @Test
    void vehicleCapacityIgnoresLoadWithinCapacity() {
        CarerShift shift = Shifts.on(amal, 0).capacity(12).build();
        VisitSlot first = Visits.visit().demand(6).slot();
        VisitSlot second =
                Visits.visit().demand(6).between(monday(9, 0), monday(10, 0)).slot();
        Routes.assign(shift, first, second);
        verifier.verifyThat(CareConstraintProvider::vehicleCapacity)
                .given(shift, first, second)
                .penalizesBy(0);
    }
}
