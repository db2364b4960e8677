package org.carerota.planner.solver;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.optaplanner.core.api.domain.constraintweight.ConstraintConfiguration;
import org.optaplanner.core.api.domain.constraintweight.ConstraintWeight;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The weight of every constraint, by constraint name. The level of a constraint (hard, medium, soft) is fixed; the
 * weight within it can be overridden per organisation from the problem's {@code settings.weights} map without code
 * changes ({@link #withOverrides(Map)}); a weight of 0 switches a constraint off.
 *
 * <p>Soft weights are roughly pence: one minute of a carer's paid time (travel) costs about 20 pence, and the other
 * soft weights are set against it. See {@link #DEFINITIONS} for each default and the reason for it.
 */
@ConstraintConfiguration
public class CareConstraintWeights {

    /** A constraint's level. */
    public enum Level {
        HARD,
        MEDIUM,
        SOFT
    }

    /**
     * A constraint's documented default.
     *
     * @param name the constraint name (also the weight key)
     * @param level hard, medium or soft
     * @param defaultWeight the default weight per unit
     * @param unit the unit of the penalty
     * @param reason why the default is what it is
     */
    public record Definition(String name, Level level, long defaultWeight, String unit, String reason) {}

    /** Every constraint with its level, default weight, unit and reason, in provider order. */
    public static final List<Definition> DEFINITIONS = List.of(
            new Definition(
                    "missingSkill",
                    Level.HARD,
                    100L,
                    "required skills not held in date",
                    "Safety: a carer without the skill (or with it expired) must not do the task."),
            new Definition(
                    "outsideAvailability",
                    Level.HARD,
                    1L,
                    "minutes of a visit outside the carer's availability or after the shift end",
                    "Carers only work when they said they can."),
            new Definition(
                    "lateReturn",
                    Level.HARD,
                    1L,
                    "minutes the carer is back at the end location after the shift end (for routing: the depot due time)",
                    "The shift ends when it ends."),
            new Definition(
                    "absenceOverlap",
                    Level.HARD,
                    1L,
                    "minutes of a visit during a recorded absence",
                    "A carer on leave or off sick must not be sent."),
            new Definition(
                    "wrongDay",
                    Level.HARD,
                    1000L,
                    "visits placed on a shift of another day",
                    "A visit belongs to its day; moving it is a coordinator's decision."),
            new Definition(
                    "timeCriticalLate",
                    Level.HARD,
                    1L,
                    "minutes a TIME_CRITICAL visit starts after its window end",
                    "Medication timing is a safety matter."),
            new Definition(
                    "doubleUpSynchronisation",
                    Level.HARD,
                    1000L,
                    "visit slots whose synchronised start cannot be met (same carer twice, or carers waiting on each other in a cycle)",
                    "Two-carer moving and handling is unsafe alone."),
            new Definition(
                    "dependencyGap",
                    Level.HARD,
                    1L,
                    "minutes a dependent visit starts outside its minimum/maximum gap after the visit it depends on",
                    "Dependencies encode clinical sequencing (for example medication spacing)."),
            new Definition(
                    "dependencySameCarer",
                    Level.HARD,
                    100L,
                    "pairs of dependent visits served by the same carer",
                    "The schema requires a different carer for a dependent visit."),
            new Definition(
                    "bannedCarer",
                    Level.HARD,
                    100L,
                    "visits served by a carer the service user has banned",
                    "Safeguarding: a banned carer must never attend."),
            new Definition(
                    "poolNotEligible",
                    Level.HARD,
                    100L,
                    "visits served by a pool with no agreement with the visit's commissioner",
                    "Contracts: a pool serves only the commissioners it has an agreement with."),
            new Definition(
                    "pinnedCarerMismatch",
                    Level.HARD,
                    100L,
                    "visit slots with pinned carers served by someone else",
                    "Pinned assignments are decisions already taken (or care already delivered)."),
            new Definition(
                    "dailyMaxWorkingTime",
                    Level.HARD,
                    1L,
                    "minutes of the working day (leaving home to back home) beyond the carer's daily maximum",
                    "Working Time Regulations and the carer's agreement."),
            new Definition(
                    "restBreak",
                    Level.HARD,
                    1L,
                    "minutes the longest break falls short of the rest break on a day longer than the threshold",
                    "Working Time Regulations: 20 minutes when the day exceeds 6 hours."),
            new Definition(
                    "minimumWage",
                    Level.HARD,
                    1L,
                    "pence the day's pay falls short of the minimum hourly wage times the hours worked (first visit start to last visit end)",
                    "National Minimum Wage applies to travel and waiting time between visits."),
            new Definition(
                    "vehicleCapacity",
                    Level.HARD,
                    1L,
                    "units of demand over the shift's capacity",
                    "Capacitated routing benchmarks only; care shifts have no capacity."),
            new Definition(
                    "unassignedVisit",
                    Level.MEDIUM,
                    1L,
                    "priority weight x minutes of each unplaced visit slot",
                    "A rota always exists; what cannot be covered is unmet need, worst first."),
            new Definition(
                    "incompleteDoubleUp",
                    Level.MEDIUM,
                    1L,
                    "half the priority-weighted minutes of each placed slot of a double-up whose partner is unplaced",
                    "One carer alone cannot deliver a double-up; half-weight lets the construction place the first carer."),
            new Definition(
                    "travelTime",
                    Level.SOFT,
                    20L,
                    "minutes of travel",
                    "About 20 pence a minute of a carer's paid time: the base unit that makes soft weights pence."),
            new Definition(
                    "latePreferredStart",
                    Level.SOFT,
                    10L,
                    "minutes a visit starts after the preferred start",
                    "People plan their day around their visit; half a travel minute per minute late."),
            new Definition(
                    "lateBeyondWindow",
                    Level.SOFT,
                    100L,
                    "minutes a non-critical visit starts after its window end",
                    "Beyond the agreed window the care plan is broken; five travel minutes per minute."),
            new Definition(
                    "nonRegularCarer",
                    Level.SOFT,
                    300L,
                    "visits served by a carer outside the service user's regular carers",
                    "Continuity of care: worth about 15 minutes of travel per visit."),
            new Definition(
                    "distinctCarersPerWeek",
                    Level.SOFT,
                    600L,
                    "distinct carers beyond one per service user per week",
                    "Fewer faces: each extra carer in a week costs half an hour of travel."),
            new Definition(
                    "genderPreference",
                    Level.SOFT,
                    10000L,
                    "visits served by a carer of a gender the service user did not ask for",
                    "Dignity in personal care: nearly as strong as a rule, but a visit is never left uncovered for it."),
            new Definition(
                    "preferredCarer",
                    Level.SOFT,
                    200L,
                    "visits of a service user with preferred carers served by someone else",
                    "Service-user choice, ten travel minutes per visit."),
            new Definition(
                    "contractedMinutesDeviation",
                    Level.SOFT,
                    1L,
                    "squared deviation (minutes^2 / 60) of a carer's weekly work from contracted minutes",
                    "Fairness: squared so that large gaps dominate; 1 hour off costs 60, 5 hours 1,500."),
            new Definition(
                    "idleGap",
                    Level.SOFT,
                    20L,
                    "minutes of waiting between visits beyond the idle-gap threshold",
                    "Unpaid idle time is as costly to the carer as travel."),
            new Definition(
                    "crossPoolCost",
                    Level.SOFT,
                    1L,
                    "pence of extra cost of a pool serving a visit of the other sector (costPerHour, default 1 pound an hour)",
                    "Cross-pool staffing is allowed but costs extra."),
            new Definition(
                    "publishedPlanDisruption",
                    Level.SOFT,
                    2000L,
                    "visit slots whose carer differs from the published plan",
                    "Re-planning keeps what carers hold unless moving saves about 100 travel minutes."),
            new Definition(
                    "shiftUsageCost",
                    Level.SOFT,
                    1L,
                    "cost units of each used shift",
                    "Routing benchmarks (vehicles); zero for care."));

    /** hard, per required skills not held in date. Safety: a carer without the skill (or with it expired) must not do the task. */
    @ConstraintWeight("missingSkill")
    private HardMediumSoftLongScore missingSkill = HardMediumSoftLongScore.ofHard(100L);

    /** hard, per minutes of a visit outside the carer's availability or after the shift end. Carers only work when they said they can. */
    @ConstraintWeight("outsideAvailability")
    private HardMediumSoftLongScore outsideAvailability = HardMediumSoftLongScore.ofHard(1L);

    /** hard, per minutes the carer is back at the end location after the shift end (for routing: the depot due time). The shift ends when it ends. */
    @ConstraintWeight("lateReturn")
    private HardMediumSoftLongScore lateReturn = HardMediumSoftLongScore.ofHard(1L);

    /** hard, per minutes of a visit during a recorded absence. A carer on leave or off sick must not be sent. */
    @ConstraintWeight("absenceOverlap")
    private HardMediumSoftLongScore absenceOverlap = HardMediumSoftLongScore.ofHard(1L);

    /** hard, per visits placed on a shift of another day. A visit belongs to its day; moving it is a coordinator's decision. */
    @ConstraintWeight("wrongDay")
    private HardMediumSoftLongScore wrongDay = HardMediumSoftLongScore.ofHard(1000L);

    /** hard, per minutes a TIME_CRITICAL visit starts after its window end. Medication timing is a safety matter. */
    @ConstraintWeight("timeCriticalLate")
    private HardMediumSoftLongScore timeCriticalLate = HardMediumSoftLongScore.ofHard(1L);

    /** hard, per visit slots whose synchronised start cannot be met (same carer twice, or carers waiting on each other in a cycle). Two-carer moving and handling is unsafe alone. */
    @ConstraintWeight("doubleUpSynchronisation")
    private HardMediumSoftLongScore doubleUpSynchronisation = HardMediumSoftLongScore.ofHard(1000L);

    /** hard, per minutes a dependent visit starts outside its minimum/maximum gap after the visit it depends on. Dependencies encode clinical sequencing (for example medication spacing). */
    @ConstraintWeight("dependencyGap")
    private HardMediumSoftLongScore dependencyGap = HardMediumSoftLongScore.ofHard(1L);

    /** hard, per pairs of dependent visits served by the same carer. The schema requires a different carer for a dependent visit. */
    @ConstraintWeight("dependencySameCarer")
    private HardMediumSoftLongScore dependencySameCarer = HardMediumSoftLongScore.ofHard(100L);

    /** hard, per visits served by a carer the service user has banned. Safeguarding: a banned carer must never attend. */
    @ConstraintWeight("bannedCarer")
    private HardMediumSoftLongScore bannedCarer = HardMediumSoftLongScore.ofHard(100L);

    /** hard, per visits served by a pool with no agreement with the visit's commissioner. Contracts: a pool serves only the commissioners it has an agreement with. */
    @ConstraintWeight("poolNotEligible")
    private HardMediumSoftLongScore poolNotEligible = HardMediumSoftLongScore.ofHard(100L);

    /** hard, per visit slots with pinned carers served by someone else. Pinned assignments are decisions already taken (or care already delivered). */
    @ConstraintWeight("pinnedCarerMismatch")
    private HardMediumSoftLongScore pinnedCarerMismatch = HardMediumSoftLongScore.ofHard(100L);

    /** hard, per minutes of the working day (leaving home to back home) beyond the carer's daily maximum. Working Time Regulations and the carer's agreement. */
    @ConstraintWeight("dailyMaxWorkingTime")
    private HardMediumSoftLongScore dailyMaxWorkingTime = HardMediumSoftLongScore.ofHard(1L);

    /** hard, per minutes the longest break falls short of the rest break on a day longer than the threshold. Working Time Regulations: 20 minutes when the day exceeds 6 hours. */
    @ConstraintWeight("restBreak")
    private HardMediumSoftLongScore restBreak = HardMediumSoftLongScore.ofHard(1L);

    /** hard, per pence the day's pay falls short of the minimum hourly wage times the hours worked (first visit start to last visit end). National Minimum Wage applies to travel and waiting time between visits. */
    @ConstraintWeight("minimumWage")
    private HardMediumSoftLongScore minimumWage = HardMediumSoftLongScore.ofHard(1L);

    /** hard, per units of demand over the shift's capacity. Capacitated routing benchmarks only; care shifts have no capacity. */
    @ConstraintWeight("vehicleCapacity")
    private HardMediumSoftLongScore vehicleCapacity = HardMediumSoftLongScore.ofHard(1L);

    /** medium, per priority weight x minutes of each unplaced visit slot. A rota always exists; what cannot be covered is unmet need, worst first. */
    @ConstraintWeight("unassignedVisit")
    private HardMediumSoftLongScore unassignedVisit = HardMediumSoftLongScore.ofMedium(1L);

    /** medium, per half the priority-weighted minutes of each placed slot of a double-up whose partner is unplaced. One carer alone cannot deliver a double-up; half-weight lets the construction place the first carer. */
    @ConstraintWeight("incompleteDoubleUp")
    private HardMediumSoftLongScore incompleteDoubleUp = HardMediumSoftLongScore.ofMedium(1L);

    /** soft, per minutes of travel. About 20 pence a minute of a carer's paid time: the base unit that makes soft weights pence. */
    @ConstraintWeight("travelTime")
    private HardMediumSoftLongScore travelTime = HardMediumSoftLongScore.ofSoft(20L);

    /** soft, per minutes a visit starts after the preferred start. People plan their day around their visit; half a travel minute per minute late. */
    @ConstraintWeight("latePreferredStart")
    private HardMediumSoftLongScore latePreferredStart = HardMediumSoftLongScore.ofSoft(10L);

    /** soft, per minutes a non-critical visit starts after its window end. Beyond the agreed window the care plan is broken; five travel minutes per minute. */
    @ConstraintWeight("lateBeyondWindow")
    private HardMediumSoftLongScore lateBeyondWindow = HardMediumSoftLongScore.ofSoft(100L);

    /** soft, per visits served by a carer outside the service user's regular carers. Continuity of care: worth about 15 minutes of travel per visit. */
    @ConstraintWeight("nonRegularCarer")
    private HardMediumSoftLongScore nonRegularCarer = HardMediumSoftLongScore.ofSoft(300L);

    /** soft, per distinct carers beyond one per service user per week. Fewer faces: each extra carer in a week costs half an hour of travel. */
    @ConstraintWeight("distinctCarersPerWeek")
    private HardMediumSoftLongScore distinctCarersPerWeek = HardMediumSoftLongScore.ofSoft(600L);

    /** soft, per visits served by a carer of a gender the service user did not ask for. Dignity in personal care: nearly as strong as a rule, but a visit is never left uncovered for it. */
    @ConstraintWeight("genderPreference")
    private HardMediumSoftLongScore genderPreference = HardMediumSoftLongScore.ofSoft(10000L);

    /** soft, per visits of a service user with preferred carers served by someone else. Service-user choice, ten travel minutes per visit. */
    @ConstraintWeight("preferredCarer")
    private HardMediumSoftLongScore preferredCarer = HardMediumSoftLongScore.ofSoft(200L);

    /** soft, per squared deviation (minutes^2 / 60) of a carer's weekly work from contracted minutes. Fairness: squared so that large gaps dominate; 1 hour off costs 60, 5 hours 1,500. */
    @ConstraintWeight("contractedMinutesDeviation")
    private HardMediumSoftLongScore contractedMinutesDeviation = HardMediumSoftLongScore.ofSoft(1L);

    /** soft, per minutes of waiting between visits beyond the idle-gap threshold. Unpaid idle time is as costly to the carer as travel. */
    @ConstraintWeight("idleGap")
    private HardMediumSoftLongScore idleGap = HardMediumSoftLongScore.ofSoft(20L);

    /** soft, per pence of extra cost of a pool serving a visit of the other sector (costPerHour, default 1 pound an hour). Cross-pool staffing is allowed but costs extra. */
    @ConstraintWeight("crossPoolCost")
    private HardMediumSoftLongScore crossPoolCost = HardMediumSoftLongScore.ofSoft(1L);

    /** soft, per visit slots whose carer differs from the published plan. Re-planning keeps what carers hold unless moving saves about 100 travel minutes. */
    @ConstraintWeight("publishedPlanDisruption")
    private HardMediumSoftLongScore publishedPlanDisruption = HardMediumSoftLongScore.ofSoft(2000L);

    /** soft, per cost units of each used shift. Routing benchmarks (vehicles); zero for care. */
    @ConstraintWeight("shiftUsageCost")
    private HardMediumSoftLongScore shiftUsageCost = HardMediumSoftLongScore.ofSoft(1L);

    /** The defaults. */
    public CareConstraintWeights() {}

    /** The definition of a constraint name. */
    public static Definition definition(String name) {
        for (Definition definition : DEFINITIONS) {
            if (definition.name().equals(name)) {
                return definition;
            }
        }
        throw new IllegalArgumentException("unknown constraint: " + name);
    }

    /**
     * Group names accepted in weight maps, each setting the weight of every constraint of the group: {@code
     * continuity}, {@code preferences}, {@code fairness}, {@code lateness}, {@code unassigned}, {@code disruption},
     * {@code idle}, {@code travel}.
     */
    public static final Map<String, List<String>> GROUPS = Map.of(
            "continuity", List.of("nonRegularCarer", "distinctCarersPerWeek"),
            "preferences", List.of("genderPreference", "preferredCarer"),
            "fairness", List.of("contractedMinutesDeviation"),
            "lateness", List.of("latePreferredStart", "lateBeyondWindow"),
            "unassigned", List.of("unassignedVisit"),
            "disruption", List.of("publishedPlanDisruption"),
            "idle", List.of("idleGap"),
            "travel", List.of("travelTime"));

    /**
     * These weights with some replaced: constraint name (or group name, see {@link #GROUPS}) to weight per unit at the
     * constraint's own level, rounded to a whole number; 0 switches it off. Constraint names win over group names.
     * Unknown names are ignored (see {@link #unknownNames(Map)}) so that a weight map written for a newer planner still
     * solves.
     *
     * @throws IllegalArgumentException for a negative weight
     */
    public CareConstraintWeights withOverrides(Map<String, ? extends Number> overrides) {
        CareConstraintWeights copy = new CareConstraintWeights();
        for (Definition definition : DEFINITIONS) {
            copy.set(definition.name(), weight(definition.name()));
        }
        for (Map.Entry<String, ? extends Number> entry : overrides.entrySet()) {
            for (String name : GROUPS.getOrDefault(entry.getKey(), List.of())) {
                if (!overrides.containsKey(name)) {
                    copy.set(name, of(definition(name).level(), nonNegative(entry.getKey(), entry.getValue())));
                }
            }
        }
        for (Map.Entry<String, ? extends Number> entry : overrides.entrySet()) {
            if (isConstraint(entry.getKey())) {
                Definition definition = definition(entry.getKey());
                copy.set(definition.name(), of(definition.level(), nonNegative(entry.getKey(), entry.getValue())));
            }
        }
        return copy;
    }

    /** The names of a weight map that are neither constraints nor groups. */
    public static List<String> unknownNames(Map<String, ?> overrides) {
        return overrides.keySet().stream()
                .filter(name -> !isConstraint(name) && !GROUPS.containsKey(name))
                .sorted()
                .toList();
    }

    /** Whether a name is a constraint name. */
    public static boolean isConstraint(String name) {
        return DEFINITIONS.stream().anyMatch(definition -> definition.name().equals(name));
    }

    private static long nonNegative(String name, Number value) {
        long weight = Math.round(value.doubleValue());
        if (weight < 0) {
            throw new IllegalArgumentException("settings.weights." + name + " must not be negative: " + value);
        }
        return weight;
    }

    /** The weight of a constraint. */
    public HardMediumSoftLongScore weight(String name) {
        try {
            return (HardMediumSoftLongScore) field(name).get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All weights by name, in provider order. */
    public Map<String, HardMediumSoftLongScore> asMap() {
        Map<String, HardMediumSoftLongScore> map = new LinkedHashMap<>();
        for (Definition definition : DEFINITIONS) {
            map.put(definition.name(), weight(definition.name()));
        }
        return map;
    }

    private void set(String name, HardMediumSoftLongScore weight) {
        try {
            field(name).set(this, weight);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(String name) {
        try {
            Field field = CareConstraintWeights.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException("unknown constraint: " + name, e);
        }
    }

    static HardMediumSoftLongScore of(Level level, long weight) {
        return switch (level) {
            case HARD -> HardMediumSoftLongScore.ofHard(weight);
            case MEDIUM -> HardMediumSoftLongScore.ofMedium(weight);
            case SOFT -> HardMediumSoftLongScore.ofSoft(weight);
        };
    }
}
