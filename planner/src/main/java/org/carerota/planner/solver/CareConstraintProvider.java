package org.carerota.planner.solver;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.countDistinct;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sum;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Pay;
import org.carerota.planner.domain.PayModel;
import org.carerota.planner.domain.Pool;
import org.carerota.planner.domain.ServiceUser;
import org.carerota.planner.domain.ShiftSummary;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.solver.justification.AbsenceOverlapJustification;
import org.carerota.planner.solver.justification.BannedCarerJustification;
import org.carerota.planner.solver.justification.ContractedMinutesDeviationJustification;
import org.carerota.planner.solver.justification.CrossPoolCostJustification;
import org.carerota.planner.solver.justification.DailyMaxWorkingTimeJustification;
import org.carerota.planner.solver.justification.DependencyGapJustification;
import org.carerota.planner.solver.justification.DependencySameCarerJustification;
import org.carerota.planner.solver.justification.DistinctCarersPerWeekJustification;
import org.carerota.planner.solver.justification.DoubleUpSynchronisationJustification;
import org.carerota.planner.solver.justification.GenderPreferenceJustification;
import org.carerota.planner.solver.justification.IdleGapJustification;
import org.carerota.planner.solver.justification.IncompleteDoubleUpJustification;
import org.carerota.planner.solver.justification.LateBeyondWindowJustification;
import org.carerota.planner.solver.justification.LatePreferredStartJustification;
import org.carerota.planner.solver.justification.LateReturnJustification;
import org.carerota.planner.solver.justification.MinimumWageJustification;
import org.carerota.planner.solver.justification.MissingSkillJustification;
import org.carerota.planner.solver.justification.NonRegularCarerJustification;
import org.carerota.planner.solver.justification.OutsideAvailabilityJustification;
import org.carerota.planner.solver.justification.PinnedCarerMismatchJustification;
import org.carerota.planner.solver.justification.PoolNotEligibleJustification;
import org.carerota.planner.solver.justification.PreferredCarerJustification;
import org.carerota.planner.solver.justification.PublishedPlanDisruptionJustification;
import org.carerota.planner.solver.justification.RestBreakJustification;
import org.carerota.planner.solver.justification.ShiftUsageCostJustification;
import org.carerota.planner.solver.justification.TimeCriticalLateJustification;
import org.carerota.planner.solver.justification.TravelTimeJustification;
import org.carerota.planner.solver.justification.UnassignedVisitJustification;
import org.carerota.planner.solver.justification.VehicleCapacityJustification;
import org.carerota.planner.solver.justification.WrongDayJustification;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.Joiners;

/**
 * Every constraint of the care rota (and of the routing benchmarks, through the same core). Each constraint is a
 * constant whose value is the method name, its weight comes from {@link CareConstraintWeights} (so organisations can
 * change it without code), and its penalty is the size of the violation in the unit stated there. Durations are in
 * ticks, which are minutes for care problems.
 *
 * <p>Rule for incremental correctness: a constraint reads shadow variables only of the entities in its own tuple.
 * Shift-level constraints read {@link CarerShift#getSummary()}, which the arrival-time listener keeps up to date.
 */
public class CareConstraintProvider implements ConstraintProvider {

    public static final String MISSING_SKILL = "missingSkill";
    public static final String OUTSIDE_AVAILABILITY = "outsideAvailability";
    public static final String LATE_RETURN = "lateReturn";
    public static final String ABSENCE_OVERLAP = "absenceOverlap";
    public static final String WRONG_DAY = "wrongDay";
    public static final String TIME_CRITICAL_LATE = "timeCriticalLate";
    public static final String DOUBLE_UP_SYNCHRONISATION = "doubleUpSynchronisation";
    public static final String DEPENDENCY_GAP = "dependencyGap";
    public static final String DEPENDENCY_SAME_CARER = "dependencySameCarer";
    public static final String BANNED_CARER = "bannedCarer";
    public static final String POOL_NOT_ELIGIBLE = "poolNotEligible";
    public static final String PINNED_CARER_MISMATCH = "pinnedCarerMismatch";
    public static final String DAILY_MAX_WORKING_TIME = "dailyMaxWorkingTime";
    public static final String REST_BREAK = "restBreak";
    public static final String MINIMUM_WAGE = "minimumWage";
    public static final String VEHICLE_CAPACITY = "vehicleCapacity";
    public static final String UNASSIGNED_VISIT = "unassignedVisit";
    public static final String INCOMPLETE_DOUBLE_UP = "incompleteDoubleUp";
    public static final String TRAVEL_TIME = "travelTime";
    public static final String LATE_PREFERRED_START = "latePreferredStart";
    public static final String LATE_BEYOND_WINDOW = "lateBeyondWindow";
    public static final String NON_REGULAR_CARER = "nonRegularCarer";
    public static final String DISTINCT_CARERS_PER_WEEK = "distinctCarersPerWeek";
    public static final String GENDER_PREFERENCE = "genderPreference";
    public static final String PREFERRED_CARER = "preferredCarer";
    public static final String CONTRACTED_MINUTES_DEVIATION = "contractedMinutesDeviation";
    public static final String IDLE_GAP = "idleGap";
    public static final String CROSS_POOL_COST = "crossPoolCost";
    public static final String PUBLISHED_PLAN_DISRUPTION = "publishedPlanDisruption";
    public static final String SHIFT_USAGE_COST = "shiftUsageCost";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            missingSkill(factory),
            outsideAvailability(factory),
            lateReturn(factory),
            absenceOverlap(factory),
            wrongDay(factory),
            timeCriticalLate(factory),
            doubleUpSynchronisation(factory),
            dependencyGap(factory),
            dependencySameCarer(factory),
            bannedCarer(factory),
            poolNotEligible(factory),
            pinnedCarerMismatch(factory),
            dailyMaxWorkingTime(factory),
            restBreak(factory),
            minimumWage(factory),
            vehicleCapacity(factory),
            unassignedVisit(factory),
            incompleteDoubleUp(factory),
            travelTime(factory),
            latePreferredStart(factory),
            lateBeyondWindow(factory),
            nonRegularCarer(factory),
            distinctCarersPerWeek(factory),
            genderPreference(factory),
            preferredCarer(factory),
            contractedMinutesDeviation(factory),
            idleGap(factory),
            crossPoolCost(factory),
            publishedPlanDisruption(factory),
            shiftUsageCost(factory)
        };
    }

    // HARD ------------------------------------------------------------

    Constraint missingSkill(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isAssigned() && slot.missingSkills() > 0)
                .penalizeConfigurableLong(VisitSlot::missingSkills)
                .justifyWith((slot, score) ->
                        new MissingSkillJustification(slot.getVisitId(), slot.getCarerId(), slot.missingSkills()))
                .asConstraint(MISSING_SKILL);
    }

    Constraint outsideAvailability(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.outsideAvailability() > 0)
                .penalizeConfigurableLong(VisitSlot::outsideAvailability)
                .justifyWith((slot, score) -> new OutsideAvailabilityJustification(
                        slot.getVisitId(), slot.getCarerId(), slot.outsideAvailability()))
                .asConstraint(OUTSIDE_AVAILABILITY);
    }

    Constraint lateReturn(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> lateReturnOf(shift) > 0)
                .penalizeConfigurableLong(CareConstraintProvider::lateReturnOf)
                .justifyWith((shift, score) ->
                        new LateReturnJustification(shift.getCarerId(), shift.getDate(), lateReturnOf(shift)))
                .asConstraint(LATE_RETURN);
    }

    static long lateReturnOf(CarerShift shift) {
        ShiftSummary summary = shift.getSummary();
        return shift.isVirtual() || summary.visits() == 0 ? 0L : Math.max(0L, summary.returnTime() - shift.getEnd());
    }

    Constraint absenceOverlap(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.absenceOverlap() > 0)
                .penalizeConfigurableLong(VisitSlot::absenceOverlap)
                .justifyWith((slot, score) ->
                        new AbsenceOverlapJustification(slot.getVisitId(), slot.getCarerId(), slot.absenceOverlap()))
                .asConstraint(ABSENCE_OVERLAP);
    }

    Constraint wrongDay(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isAssigned()
                        && slot.getShift().getDayIndex() != slot.getVisit().getDayIndex())
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith((slot, score) -> new WrongDayJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(WRONG_DAY);
    }

    Constraint timeCriticalLate(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.getVisit().isTimeCritical() && slot.lateBeyondWindow() > 0)
                .penalizeConfigurableLong(VisitSlot::lateBeyondWindow)
                .justifyWith((slot, score) -> new TimeCriticalLateJustification(
                        slot.getVisitId(), slot.getCarerId(), slot.lateBeyondWindow()))
                .asConstraint(TIME_CRITICAL_LATE);
    }

    Constraint doubleUpSynchronisation(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isAssigned() && slot.isUnsynchronised())
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith((slot, score) ->
                        new DoubleUpSynchronisationJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(DOUBLE_UP_SYNCHRONISATION);
    }

    Constraint dependencyGap(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isScheduled() && slot.getVisit().getDependsOn() != null)
                .join(
                        VisitSlot.class,
                        Joiners.equal(slot -> slot.getVisit().getDependsOn(), VisitSlot::getVisit),
                        Joiners.filtering((slot, other) -> other.isScheduled()))
                .filter((slot, other) -> gapViolation(slot, other) > 0)
                .penalizeConfigurableLong(CareConstraintProvider::gapViolation)
                .justifyWith((slot, other, score) -> new DependencyGapJustification(
                        slot.getVisitId(), other.getVisitId(), gapViolation(slot, other)))
                .asConstraint(DEPENDENCY_GAP);
    }

    static long gapViolation(VisitSlot slot, VisitSlot other) {
        Visit visit = slot.getVisit();
        long gap = slot.getStart() - other.getStart();
        long tooEarly = Math.max(0L, visit.getMinGap() - gap);
        long tooLate = visit.getMaxGap() == Visit.NO_LIMIT ? 0L : Math.max(0L, gap - visit.getMaxGap());
        return tooEarly + tooLate;
    }

    Constraint dependencySameCarer(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isAssigned() && slot.getVisit().getDependsOn() != null)
                .join(
                        VisitSlot.class,
                        Joiners.equal(slot -> slot.getVisit().getDependsOn(), VisitSlot::getVisit),
                        Joiners.equal(VisitSlot::getCarer, VisitSlot::getCarer))
                .penalizeConfigurableLong((slot, other) -> 1L)
                .justifyWith((slot, other, score) ->
                        new DependencySameCarerJustification(slot.getVisitId(), other.getVisitId(), slot.getCarerId()))
                .asConstraint(DEPENDENCY_SAME_CARER);
    }

    Constraint bannedCarer(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isAssigned() && slot.getVisit().isBanned(slot.getCarerId()))
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith((slot, score) -> new BannedCarerJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(BANNED_CARER);
    }

    Constraint poolNotEligible(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(CareConstraintProvider::poolIneligible)
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith(
                        (slot, score) -> new PoolNotEligibleJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(POOL_NOT_ELIGIBLE);
    }

    static boolean poolIneligible(VisitSlot slot) {
        if (!slot.isAssigned()) {
            return false;
        }
        Pool pool = slot.getCarer().getPool();
        return pool != null && !pool.mayServe(slot.getVisit().getCommissioner());
    }

    Constraint pinnedCarerMismatch(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.getShift() != null
                        && !slot.getVisit().getPinnedCarers().isEmpty()
                        && !slot.getVisit().getPinnedCarers().contains(slot.getCarerId()))
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith(
                        (slot, score) -> new PinnedCarerMismatchJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(PINNED_CARER_MISMATCH);
    }

    Constraint dailyMaxWorkingTime(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> shift.getCarer() != null
                        && shift.getCarer().getMaxWorkingPerDay() != Carer.NONE
                        && shift.getSummary().visits() > 0)
                .groupBy(CarerShift::getCarer, CarerShift::getDate, sumLong(shift -> shift.getSummary()
                        .workingSpan()))
                .filter((carer, date, working) -> working > carer.getMaxWorkingPerDay())
                .penalizeConfigurableLong((carer, date, working) -> working - carer.getMaxWorkingPerDay())
                .justifyWith((carer, date, working, score) -> new DailyMaxWorkingTimeJustification(
                        carer.getId(), date, working - carer.getMaxWorkingPerDay()))
                .asConstraint(DAILY_MAX_WORKING_TIME);
    }

    /** Ticks a single shift's working span exceeds the carer's daily maximum (the constraint sums a day's shifts). */
    static long overMaxWorking(CarerShift shift) {
        Carer carer = shift.getCarer();
        if (carer == null || carer.getMaxWorkingPerDay() == Carer.NONE) {
            return 0L;
        }
        return Math.max(0L, shift.getSummary().workingSpan() - carer.getMaxWorkingPerDay());
    }

    Constraint restBreak(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> restBreakShortfall(shift) > 0)
                .penalizeConfigurableLong(CareConstraintProvider::restBreakShortfall)
                .justifyWith((shift, score) ->
                        new RestBreakJustification(shift.getCarerId(), shift.getDate(), restBreakShortfall(shift)))
                .asConstraint(REST_BREAK);
    }

    static long restBreakShortfall(CarerShift shift) {
        if (shift.isVirtual()) {
            return 0L;
        }
        ShiftSummary summary = shift.getSummary();
        if (summary.workingSpan() <= shift.getRules().restBreakAfter()) {
            return 0L;
        }
        return Math.max(0L, shift.getRules().restBreak() - summary.longestIdle());
    }

    Constraint minimumWage(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> wageShortfallPence(shift) > 0)
                .penalizeConfigurableLong(CareConstraintProvider::wageShortfallPence)
                .justifyWith((shift, score) ->
                        new MinimumWageJustification(shift.getCarerId(), shift.getDate(), wageShortfallPence(shift)))
                .asConstraint(MINIMUM_WAGE);
    }

    /** Pence the day's pay falls short of the minimum wage for the time worked (first start to last end). */
    public static long wageShortfallPence(CarerShift shift) {
        Carer carer = shift.getCarer();
        long floor = shift.getRules().minimumHourlyWagePence();
        if (carer == null || floor < 0 || carer.getPay() == null) {
            return 0L;
        }
        Pay pay = carer.getPay();
        if (pay.model() == PayModel.HOURLY) {
            return 0L;
        }
        ShiftSummary summary = shift.getSummary();
        if (summary.visits() == 0) {
            return 0L;
        }
        long ticksPerMinute = shift.getRules().ticksPerMinute();
        long paidMinutes = summary.paidSpan() / ticksPerMinute;
        long earned = pay.dayPayPence(summary.visits(), summary.contact() / ticksPerMinute, paidMinutes);
        long required = (floor * paidMinutes + 59) / 60;
        return Math.max(0L, required - earned);
    }

    Constraint vehicleCapacity(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> !shift.isVirtual() && shift.getSummary().demand() > shift.getCapacity())
                .penalizeConfigurableLong(shift -> shift.getSummary().demand() - shift.getCapacity())
                .justifyWith((shift, score) -> new VehicleCapacityJustification(
                        shift.getCarerId(), shift.getDate(), shift.getSummary().demand() - shift.getCapacity()))
                .asConstraint(VEHICLE_CAPACITY);
    }

    // MEDIUM ----------------------------------------------------------

    Constraint unassignedVisit(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.getShift() != null && slot.getShift().isVirtual())
                .penalizeConfigurableLong(VisitSlot::unassignedWeight)
                .justifyWith(
                        (slot, score) -> new UnassignedVisitJustification(slot.getVisitId(), slot.unassignedWeight()))
                .asConstraint(UNASSIGNED_VISIT);
    }

    Constraint incompleteDoubleUp(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isAssigned() && slot.getTogether().size() > 1)
                .ifExists(
                        VisitSlot.class,
                        Joiners.equal(slot -> slot.getTogether().get(0)),
                        Joiners.filtering((slot, other) ->
                                other.getShift() != null && other.getShift().isVirtual()))
                .penalizeConfigurableLong(slot -> Math.max(1L, slot.unassignedWeight() / 2))
                .justifyWith((slot, score) -> new IncompleteDoubleUpJustification(
                        slot.getVisitId(), slot.getCarerId(), Math.max(1L, slot.unassignedWeight() / 2)))
                .asConstraint(INCOMPLETE_DOUBLE_UP);
    }

    // SOFT ------------------------------------------------------------

    Constraint travelTime(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> !shift.isVirtual() && shift.getSummary().travel() > 0)
                .penalizeConfigurableLong(shift -> shift.getSummary().travel())
                .justifyWith((shift, score) -> new TravelTimeJustification(
                        shift.getCarerId(), shift.getDate(), shift.getSummary().travel()))
                .asConstraint(TRAVEL_TIME);
    }

    Constraint latePreferredStart(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isScheduled() && slot.lateAgainstPreferred() > 0)
                .penalizeConfigurableLong(VisitSlot::lateAgainstPreferred)
                .justifyWith((slot, score) -> new LatePreferredStartJustification(
                        slot.getVisitId(), slot.getCarerId(), slot.lateAgainstPreferred()))
                .asConstraint(LATE_PREFERRED_START);
    }

    Constraint lateBeyondWindow(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> !slot.getVisit().isTimeCritical() && slot.lateBeyondWindow() > 0)
                .penalizeConfigurableLong(VisitSlot::lateBeyondWindow)
                .justifyWith((slot, score) -> new LateBeyondWindowJustification(
                        slot.getVisitId(), slot.getCarerId(), slot.lateBeyondWindow()))
                .asConstraint(LATE_BEYOND_WINDOW);
    }

    Constraint nonRegularCarer(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isAssigned()
                        && !slot.getVisit().getServiceUser().getRegularCarers().isEmpty()
                        && !slot.getVisit().getServiceUser().getRegularCarers().contains(slot.getCarerId()))
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith(
                        (slot, score) -> new NonRegularCarerJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(NON_REGULAR_CARER);
    }

    Constraint distinctCarersPerWeek(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(VisitSlot::isAssigned)
                .groupBy(
                        slot -> slot.getVisit().getServiceUser(),
                        slot -> slot.getVisit().getWeekIndex(),
                        countDistinct(VisitSlot::getCarer))
                .filter((serviceUser, week, carers) -> carers > 1)
                .penalizeConfigurableLong((serviceUser, week, carers) -> carers - 1L)
                .justifyWith((serviceUser, week, carers, score) ->
                        new DistinctCarersPerWeekJustification(serviceUser.getId(), week, carers))
                .asConstraint(DISTINCT_CARERS_PER_WEEK);
    }

    Constraint genderPreference(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(CareConstraintProvider::genderMismatch)
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith(
                        (slot, score) -> new GenderPreferenceJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(GENDER_PREFERENCE);
    }

    static boolean genderMismatch(VisitSlot slot) {
        if (!slot.isAssigned()) {
            return false;
        }
        ServiceUser serviceUser = slot.getVisit().getServiceUser();
        return serviceUser.getGenderPreference() != null
                && serviceUser.getGenderPreference() != slot.getCarer().getGender();
    }

    Constraint preferredCarer(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.isAssigned()
                        && !slot.getVisit()
                                .getServiceUser()
                                .getPreferredCarers()
                                .isEmpty()
                        && !slot.getVisit()
                                .getServiceUser()
                                .getPreferredCarers()
                                .contains(slot.getCarerId()))
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith((slot, score) -> new PreferredCarerJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(PREFERRED_CARER);
    }

    Constraint contractedMinutesDeviation(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> shift.getCarer() != null && shift.getCarer().getContractedPerWeek() != Carer.NONE)
                .groupBy(CarerShift::getCarer, CarerShift::getWeekIndex, sum(shift -> workedMinutes(shift)))
                .filter((carer, week, worked) -> contractDeviationPenalty(carer, week, worked) > 0)
                .penalizeConfigurableLong(CareConstraintProvider::contractDeviationPenalty)
                .justifyWith((carer, week, worked, score) -> new ContractedMinutesDeviationJustification(
                        carer.getId(), week, worked, carer.contractedTarget(week)))
                .asConstraint(CONTRACTED_MINUTES_DEVIATION);
    }

    static int workedMinutes(CarerShift shift) {
        ShiftSummary summary = shift.getSummary();
        return (int) ((summary.contact() + summary.travel()) / shift.getRules().ticksPerMinute());
    }

    static long contractDeviationPenalty(Carer carer, int week, int workedMinutes) {
        long deviation = workedMinutes - carer.contractedTarget(week);
        return deviation * deviation / 60;
    }

    Constraint idleGap(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> !shift.isVirtual() && shift.getSummary().idleBeyondThreshold() > 0)
                .penalizeConfigurableLong(shift -> shift.getSummary().idleBeyondThreshold())
                .justifyWith((shift, score) -> new IdleGapJustification(
                        shift.getCarerId(), shift.getDate(), shift.getSummary().idleBeyondThreshold()))
                .asConstraint(IDLE_GAP);
    }

    Constraint crossPoolCost(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> crossPoolPence(slot) > 0)
                .penalizeConfigurableLong(CareConstraintProvider::crossPoolPence)
                .justifyWith((slot, score) ->
                        new CrossPoolCostJustification(slot.getVisitId(), slot.getCarerId(), crossPoolPence(slot)))
                .asConstraint(CROSS_POOL_COST);
    }

    /** Whether an assigned slot is served by a pool of the other sector than its commissioner's. */
    public static boolean isCrossPool(VisitSlot slot) {
        if (!slot.isAssigned()) {
            return false;
        }
        Pool pool = slot.getCarer().getPool();
        return pool != null
                && slot.getVisit().getCommissioner() != null
                && pool.getSector() != slot.getVisit().getCommissioner().sector();
    }

    static long crossPoolPence(VisitSlot slot) {
        if (!isCrossPool(slot)) {
            return 0L;
        }
        double minutes = (double) slot.getVisit().getDuration()
                / slot.getShift().getRules().ticksPerMinute();
        return Math.round(minutes * slot.getCarer().getPool().getCostPerHour() * 100.0 / 60.0);
    }

    Constraint publishedPlanDisruption(ConstraintFactory factory) {
        return factory.forEach(VisitSlot.class)
                .filter(slot -> slot.getShift() != null
                        && !slot.getVisit().getPublishedCarers().isEmpty()
                        && !slot.getVisit().getPublishedCarers().contains(slot.getCarerId()))
                .penalizeConfigurableLong(slot -> 1L)
                .justifyWith((slot, score) ->
                        new PublishedPlanDisruptionJustification(slot.getVisitId(), slot.getCarerId(), 1L))
                .asConstraint(PUBLISHED_PLAN_DISRUPTION);
    }

    Constraint shiftUsageCost(ConstraintFactory factory) {
        return factory.forEach(CarerShift.class)
                .filter(shift -> !shift.isVirtual()
                        && shift.getUsageCost() > 0
                        && !shift.getSlots().isEmpty())
                .penalizeConfigurableLong(CarerShift::getUsageCost)
                .justifyWith((shift, score) ->
                        new ShiftUsageCostJustification(shift.getCarerId(), shift.getDate(), shift.getUsageCost()))
                .asConstraint(SHIFT_USAGE_COST);
    }
}
