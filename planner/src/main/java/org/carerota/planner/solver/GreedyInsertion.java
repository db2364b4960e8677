package org.carerota.planner.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carerota.planner.domain.Absence;
import org.carerota.planner.domain.Availability;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.PayModel;
import org.carerota.planner.domain.Pool;
import org.carerota.planner.domain.ServiceUser;
import org.carerota.planner.domain.ShiftRules;
import org.carerota.planner.domain.StartedPart;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.jspecify.annotations.Nullable;

/**
 * A fast first rota before local search: visits in order of priority and tightness, each inserted at its cheapest
 * feasible place (skills, bans, pools, pinning, windows of time-critical visits, shift hours, absences, availability,
 * capacity, daily maximum) without moving anything already planned later than it can bear, double-ups on distinct
 * carers at one common start. What fits nowhere goes to the unassigned shift.
 *
 * <p>OptaPlanner's construction heuristic tries every position of every shift through the score director, which
 * grows with the square of the problem; this does the same search with plain arithmetic, so large regions get to
 * local search quickly. Slots already on a shift (published or pinned) stay where they are.
 */
public final class GreedyInsertion {

    private final CareRota rota;
    private final long travelWeight;
    private final long lateWeight;
    private final long preferredLateWeight;
    private final long genderWeight;
    private final long regularWeight;
    private final long preferredCarerWeight;
    private final long usageWeight;

    private GreedyInsertion(CareRota rota) {
        this.rota = rota;
        CareConstraintWeights weights = rota.getWeights();
        this.travelWeight = weights.weight(CareConstraintProvider.TRAVEL_TIME).softScore();
        this.lateWeight =
                weights.weight(CareConstraintProvider.LATE_BEYOND_WINDOW).softScore();
        this.preferredLateWeight =
                weights.weight(CareConstraintProvider.LATE_PREFERRED_START).softScore();
        this.genderWeight =
                weights.weight(CareConstraintProvider.GENDER_PREFERENCE).softScore();
        this.regularWeight =
                weights.weight(CareConstraintProvider.NON_REGULAR_CARER).softScore();
        this.preferredCarerWeight =
                weights.weight(CareConstraintProvider.PREFERRED_CARER).softScore();
        this.usageWeight =
                weights.weight(CareConstraintProvider.SHIFT_USAGE_COST).softScore();
        for (CarerShift shift : rota.getShifts()) {
            if (!shift.isVirtual()) {
                sameDay.computeIfAbsent(shift.getCarerId() + "@" + shift.getDate(), key -> new ArrayList<>())
                        .add(shift);
            }
        }
    }

    private final Map<String, List<CarerShift>> sameDay = new HashMap<>();

    /** Working time of the carer's other shifts that day (split days). */
    private long otherShiftsWorking(CarerShift shift) {
        long total = 0;
        for (CarerShift other : sameDay.getOrDefault(shift.getCarerId() + "@" + shift.getDate(), List.of())) {
            if (other != shift) {
                total += other.getSummary().workingSpan();
            }
        }
        return total;
    }

    /**
     * Whether the slot could be inserted somewhere on the shift without breaking a hard rule or moving a synchronised
     * visit (for explanations).
     */
    public static boolean canInsert(CareRota rota, CarerShift shift, VisitSlot slot) {
        return insertionCheck(rota).canInsert(shift, slot);
    }

    /** Whether a slot could be inserted on a shift; built once per rota (building it reads every shift). */
    @FunctionalInterface
    public interface InsertionCheck {
        boolean canInsert(CarerShift shift, VisitSlot slot);
    }

    /**
     * {@link #canInsert(CareRota, CarerShift, VisitSlot)} for many questions about one rota (explanations of every
     * unassigned visit): the check sees the rota as it is when asked.
     */
    public static InsertionCheck insertionCheck(CareRota rota) {
        GreedyInsertion greedy = new GreedyInsertion(rota);
        return (shift, slot) -> {
            for (int position = 0; position <= shift.getSlots().size(); position++) {
                if (greedy.evaluate(shift, position, slot, null) != null) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Tries to place the slots left on the virtual unassigned shift (after local search has rearranged the rota),
     * with the same checks as the construction.
     */
    public static void fillUnassigned(CareRota rota) {
        fillUnassigned(rota, slot -> true);
    }

    /**
     * Like {@link #fillUnassigned(CareRota)}, but tries only the unassigned slots that {@code which} accepts (the
     * others stay unassigned and untouched). Re-planning uses it for the visits released from the published plan.
     */
    public static void fillUnassigned(CareRota rota, java.util.function.Predicate<VisitSlot> which) {
        fillUnassigned(rota, which, NO_DEADLINE);
    }

    /** No deadline: {@link #fillUnassigned(CareRota, java.util.function.Predicate, long)} tries every slot. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * Like {@link #fillUnassigned(CareRota, java.util.function.Predicate)}, but the slots not yet tried when
     * {@link System#nanoTime()} passes {@code deadlineNanos} stay unassigned (the final polish keeps within the time
     * limit).
     *
     * @return how many of the slots tried are now assigned
     */
    public static int fillUnassigned(CareRota rota, java.util.function.Predicate<VisitSlot> which, long deadlineNanos) {
        CarerShift unassigned = rota.unassignedShift();
        List<VisitSlot> waiting = new ArrayList<>();
        List<VisitSlot> staying = new ArrayList<>();
        for (VisitSlot slot : unassigned.getSlots()) {
            (which.test(slot) ? waiting : staying).add(slot);
        }
        if (waiting.isEmpty()) {
            return 0;
        }
        setList(unassigned, staying);
        for (VisitSlot slot : waiting) {
            slot.setShift(null);
            slot.setPrevious(null);
            slot.setNext(null);
        }
        new GreedyInsertion(rota).run(Order.TIGHTEST_FIRST, deadlineNanos);
        return (int) waiting.stream().filter(VisitSlot::isAssigned).count();
    }

    /** The lists of every shift, to put back with {@link #restore}. */
    public static Map<CarerShift, List<VisitSlot>> snapshot(CareRota rota) {
        Map<CarerShift, List<VisitSlot>> lists = new LinkedHashMap<>();
        for (CarerShift shift : rota.getShifts()) {
            lists.put(shift, new ArrayList<>(shift.getSlots()));
        }
        return lists;
    }

    /** Puts back the lists of a {@link #snapshot} and recomputes every shadow variable. */
    public static void restore(CareRota rota, Map<CarerShift, List<VisitSlot>> lists) {
        lists.forEach(GreedyInsertion::setList);
        ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
    }

    /** In which order visits are inserted. */
    public enum Order {
        /** Priority first, then visits with dependencies, double-ups, narrow windows, early windows. */
        TIGHTEST_FIRST,
        /** By window start. */
        EARLIEST_FIRST,
        /** By window end (latest start). */
        DEADLINE_FIRST,
        /** Farthest from the first shift's start location first (routing seed customers). */
        FARTHEST_FIRST
    }

    /** Places every slot not yet on a shift, and computes every shadow variable. */
    public static void construct(CareRota rota) {
        construct(rota, Order.TIGHTEST_FIRST);
    }

    /** Places every slot not yet on a shift in the given order, and computes every shadow variable. */
    public static void construct(CareRota rota, Order order) {
        new GreedyInsertion(rota).run(order, NO_DEADLINE);
    }

    /**
     * Route elimination (routing benchmarks): repeatedly empties the shortest used shift and re-inserts its visits
     * elsewhere, keeping the result only when every visit finds a feasible place. Fewer shifts used, nothing else
     * broken.
     *
     * @return how many shifts were emptied
     */
    public static int eliminateShifts(CareRota rota, int attempts) {
        GreedyInsertion greedy = new GreedyInsertion(rota);
        ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
        int eliminated = 0;
        Set<CarerShift> failed = new HashSet<>();
        for (int attempt = 0; attempt < attempts; attempt++) {
            CarerShift victim = null;
            for (CarerShift shift : rota.getShifts()) {
                if (!shift.isVirtual()
                        && !shift.getSlots().isEmpty()
                        && !failed.contains(shift)
                        && (victim == null
                                || shift.getSlots().size() < victim.getSlots().size())) {
                    victim = shift;
                }
            }
            if (victim == null) {
                break;
            }
            Map<CarerShift, List<VisitSlot>> before = new LinkedHashMap<>();
            for (CarerShift shift : rota.getShifts()) {
                before.put(shift, new ArrayList<>(shift.getSlots()));
            }
            List<VisitSlot> moved = new ArrayList<>(victim.getSlots());
            setList(victim, new ArrayList<>());
            for (VisitSlot slot : moved) {
                slot.setShift(null);
                slot.setPrevious(null);
                slot.setNext(null);
            }
            ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
            List<CarerShift> others = rota.getShifts().stream()
                    .filter(shift -> !shift.isVirtual() && !shift.getSlots().isEmpty())
                    .toList();
            moved.sort(
                    Comparator.comparingLong(slot -> slot.getVisit().getWindow().end()
                            - slot.getVisit().getWindow().start()));
            boolean all = true;
            for (VisitSlot slot : moved) {
                Insertion best = greedy.best(slot, others, Set.of(), null);
                if (best == null) {
                    all = false;
                    break;
                }
                insert(slot, best);
            }
            if (all) {
                eliminated++;
            } else {
                for (Map.Entry<CarerShift, List<VisitSlot>> entry : before.entrySet()) {
                    setList(entry.getKey(), entry.getValue());
                }
                ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
                failed.add(victim);
            }
        }
        return eliminated;
    }

    private record Insertion(CarerShift shift, int position, long start, long cost) {}

    private void run(Order ordering, long deadlineNanos) {
        ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
        Map<Integer, List<CarerShift>> shiftsByDay = new HashMap<>();
        CarerShift unassigned = rota.unassignedShift();
        for (CarerShift shift : rota.getShifts()) {
            if (!shift.isVirtual()) {
                shiftsByDay
                        .computeIfAbsent(shift.getDayIndex(), day -> new ArrayList<>())
                        .add(shift);
            }
        }
        Map<VisitSlot, List<VisitSlot>> groups = new LinkedHashMap<>();
        for (VisitSlot slot : rota.getSlots()) {
            if (slot.getShift() == null) {
                groups.computeIfAbsent(slot.getTogether().get(0), key -> new ArrayList<>())
                        .add(slot);
            }
        }
        List<List<VisitSlot>> order = new ArrayList<>(groups.values());
        // Re-planning: visits released from the published plan (their carer is now absent) go before visits that
        // were unassigned in it, so that those needing a new carer get first pick of the room left.
        Comparator<List<VisitSlot>> priority = Comparator.<List<VisitSlot>>comparingInt(
                        group -> group.get(0).getVisit().getPublishedCarers().isEmpty() ? 1 : 0)
                .thenComparingInt(
                        group -> -group.get(0).getVisit().getPriority().weight())
                .thenComparingInt(group -> prerequisiteDepth(group.get(0)))
                .thenComparingInt(group -> -group.size());
        Location origin = rota.getShifts().get(0).getStartLocation();
        Comparator<List<VisitSlot>> comparator =
                switch (ordering) {
                    case TIGHTEST_FIRST ->
                        priority.thenComparingLong(group -> group.get(0)
                                                .getVisit()
                                                .getWindow()
                                                .end()
                                        - group.get(0).getVisit().getWindow().start())
                                .thenComparingLong(group ->
                                        group.get(0).getVisit().getWindow().start());
                    case EARLIEST_FIRST ->
                        priority.thenComparingLong(
                                group -> group.get(0).getVisit().getWindow().start());
                    case DEADLINE_FIRST ->
                        priority.thenComparingLong(
                                group -> group.get(0).getVisit().getWindow().end());
                    case FARTHEST_FIRST ->
                        priority.thenComparingDouble(group -> -rota.getTravel()
                                .distance(
                                        origin.index(),
                                        group.get(0).getVisit().getLocation().index()));
                };
        order.sort(comparator);
        List<VisitSlot> leftOver = new ArrayList<>();
        for (List<VisitSlot> group : order) {
            if (deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos > 0) {
                leftOver.addAll(group);
                continue;
            }
            List<CarerShift> day =
                    shiftsByDay.getOrDefault(group.get(0).getVisit().getDayIndex(), List.of());
            if (!placeGroup(group, day)) {
                leftOver.addAll(group);
            }
        }
        List<VisitSlot> list = new ArrayList<>(unassigned.getSlots());
        list.addAll(leftOver);
        setList(unassigned, list);
        ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
        repair(unassigned);
    }

    /**
     * Unassigns what the insertion checks missed (interactions between synchronised slots), until no hard rule the
     * construction is responsible for is broken, so that local search starts feasible.
     */
    private void repair(CarerShift unassigned) {
        for (int round = 0; round < 1000; round++) {
            Set<VisitSlot> broken = new java.util.LinkedHashSet<>();
            for (VisitSlot slot : rota.getSlots()) {
                if (slot.isAssigned() && brokenSlot(slot)) {
                    broken.addAll(slot.getTogether());
                }
            }
            for (CarerShift shift : rota.getShifts()) {
                if (!shift.isVirtual()
                        && !shift.getSlots().isEmpty()
                        && (brokenShift(shift) || overDailyMaximum(shift))) {
                    broken.addAll(lastNotHeld(shift).getTogether());
                }
            }
            if (broken.isEmpty()) {
                return;
            }
            broken = sparingHeld(broken);
            Set<CarerShift> touched = new java.util.LinkedHashSet<>();
            for (VisitSlot slot : broken) {
                if (slot.isAssigned()) {
                    touched.add(slot.getShift());
                }
            }
            for (CarerShift shift : touched) {
                List<VisitSlot> kept = new ArrayList<>(shift.getSlots());
                kept.removeAll(broken);
                setList(shift, kept);
            }
            List<VisitSlot> list = new ArrayList<>(unassigned.getSlots());
            for (VisitSlot slot : broken) {
                if (slot.getShift() != unassigned) {
                    list.add(slot);
                }
            }
            setList(unassigned, list);
            ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
        }
    }

    /**
     * Whether the slot is on a shift of a carer who holds it in the published plan (re-planning): the repair takes
     * such slots off only when nothing else fixes the rule.
     */
    private static boolean held(VisitSlot slot) {
        return slot.isAssigned() && slot.getVisit().getPublishedCarers().contains(slot.getCarerId());
    }

    /**
     * What to take off for a set of broken slots: its slots not held in the published plan; if all are held, the slots
     * not held on the same shifts (what was inserted around them); only if there are none, the broken slots themselves.
     * Without a published plan nothing is held and the broken slots are taken off as they are.
     */
    private static Set<VisitSlot> sparingHeld(Set<VisitSlot> broken) {
        Set<VisitSlot> loose = new java.util.LinkedHashSet<>();
        for (VisitSlot slot : broken) {
            if (!held(slot)) {
                loose.addAll(slot.getTogether());
            }
        }
        if (!loose.isEmpty()) {
            return loose;
        }
        for (VisitSlot slot : broken) {
            if (slot.isAssigned()) {
                for (VisitSlot other : slot.getShift().getSlots()) {
                    if (!held(other)) {
                        loose.addAll(other.getTogether());
                    }
                }
            }
        }
        return loose.isEmpty() ? broken : loose;
    }

    /** The last slot of a shift not held in the published plan, or the last slot if all are held. */
    private static VisitSlot lastNotHeld(CarerShift shift) {
        List<VisitSlot> slots = shift.getSlots();
        for (int i = slots.size() - 1; i >= 0; i--) {
            if (!held(slots.get(i))) {
                return slots.get(i);
            }
        }
        return slots.get(slots.size() - 1);
    }

    private static boolean brokenSlot(VisitSlot slot) {
        if (slot.isUnsynchronised()
                || slot.outsideAvailability() > 0
                || slot.absenceOverlap() > 0
                || (slot.getVisit().isTimeCritical() && slot.lateBeyondWindow() > 0)) {
            return true;
        }
        for (VisitSlot prerequisite : slot.getPrerequisites()) {
            if (prerequisite.isScheduled()
                    && slot.isScheduled()
                    && CareConstraintProvider.gapViolation(slot, prerequisite) > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean overDailyMaximum(CarerShift shift) {
        Carer carer = shift.getCarer();
        return carer != null
                && carer.getMaxWorkingPerDay() != Carer.NONE
                && shift.getSummary().workingSpan() + otherShiftsWorking(shift) > carer.getMaxWorkingPerDay();
    }

    private static boolean brokenShift(CarerShift shift) {
        return CareConstraintProvider.lateReturnOf(shift) > 0
                || CareConstraintProvider.restBreakShortfall(shift) > 0
                || CareConstraintProvider.wageShortfallPence(shift) > 0
                || CareConstraintProvider.overMaxWorking(shift) > 0
                || shift.getSummary().demand() > shift.getCapacity();
    }

    private static int prerequisiteDepth(VisitSlot slot) {
        return slot.getPrerequisites().isEmpty() ? 0 : 1;
    }

    private boolean placeGroup(List<VisitSlot> group, List<CarerShift> day) {
        if (group.size() == 1 && group.get(0).getTogether().size() == 1) {
            Insertion best = best(group.get(0), day, Set.of(), null);
            if (best == null) {
                return false;
            }
            insert(group.get(0), best);
            return true;
        }
        // Several carers at one start: pick distinct shifts, agree the latest earliest start, re-check at it.
        Set<Carer> used = new HashSet<>();
        for (VisitSlot partner : group.get(0).getTogether()) {
            if (partner.isAssigned()) {
                used.add(partner.getCarer());
            }
        }
        List<Insertion> chosen = new ArrayList<>();
        long common = Long.MIN_VALUE;
        for (VisitSlot slot : group) {
            Insertion best = best(slot, day, used, null);
            if (best == null) {
                return false;
            }
            chosen.add(best);
            used.add(best.shift().getCarer());
            common = Math.max(common, best.start());
        }
        for (VisitSlot partner : group.get(0).getTogether()) {
            if (partner.isAssigned() && partner.getStart() != null) {
                common = Math.max(common, partner.getStart());
            }
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean ok = true;
            long next = common;
            List<Insertion> atCommon = new ArrayList<>();
            Set<Carer> taken = new HashSet<>();
            for (VisitSlot slot : group) {
                Insertion fixed = best(slot, day, taken, common);
                if (fixed == null || fixed.start() != common) {
                    ok = false;
                    if (fixed != null) {
                        next = Math.max(next, fixed.start());
                    }
                    break;
                }
                atCommon.add(fixed);
                taken.add(fixed.shift().getCarer());
            }
            if (ok) {
                for (int i = 0; i < group.size(); i++) {
                    insert(group.get(i), atCommon.get(i));
                }
                return true;
            }
            if (next == common) {
                return false;
            }
            common = next;
        }
        return false;
    }

    private @Nullable Insertion best(VisitSlot slot, List<CarerShift> day, Set<Carer> excluded, @Nullable Long start) {
        Insertion best = null;
        for (CarerShift shift : day) {
            if (excluded.contains(shift.getCarer()) || !eligible(shift, slot)) {
                continue;
            }
            for (int position = 0; position <= shift.getSlots().size(); position++) {
                Insertion insertion = evaluate(shift, position, slot, start);
                if (insertion != null && (best == null || insertion.cost() < best.cost())) {
                    best = insertion;
                }
            }
        }
        return best;
    }

    private static boolean eligible(CarerShift shift, VisitSlot slot) {
        Visit visit = slot.getVisit();
        Carer carer = shift.getCarer();
        if (carer == null || carer.missingSkills(visit.getRequiredSkills(), visit.getDate()) > 0) {
            return false;
        }
        if (visit.isBanned(carer.getId())) {
            return false;
        }
        Pool pool = carer.getPool();
        if (pool != null && !pool.mayServe(visit.getCommissioner())) {
            return false;
        }
        if (!visit.getPinnedCarers().isEmpty() && !visit.getPinnedCarers().contains(carer.getId())) {
            return false;
        }
        for (VisitSlot other : slot.getPrerequisites()) {
            if (other.isAssigned() && other.getCarer() == carer) {
                return false;
            }
        }
        for (VisitSlot other : slot.getDependents()) {
            if (other.isAssigned() && other.getCarer() == carer) {
                return false;
            }
        }
        for (VisitSlot other : slot.getTogether()) {
            if (other != slot && other.isAssigned() && other.getCarer() == carer) {
                return false;
            }
        }
        return shift.getSummary().demand() + visit.getDemand() <= shift.getCapacity();
    }

    private @Nullable Insertion evaluate(CarerShift shift, int position, VisitSlot slot, @Nullable Long forcedStart) {
        List<VisitSlot> route = shift.getSlots();
        Visit visit = slot.getVisit();
        Location here = visit.getLocation();
        Location previousLocation;
        long previousEnd;
        if (position == 0) {
            previousLocation = shift.getStartLocation();
            previousEnd = shift.getStart();
        } else {
            VisitSlot previous = route.get(position - 1);
            if (previous.getEnd() == null) {
                return null;
            }
            previousLocation = previous.getVisit().getLocation();
            previousEnd = previous.getEnd();
        }
        long travelIn = shift.travelTicks(previousLocation, here);
        long start = Math.max(previousEnd + travelIn, visit.getWindow().start());
        for (VisitSlot prerequisite : slot.getPrerequisites()) {
            if (prerequisite.isAssigned() && prerequisite.getStart() != null) {
                start = Math.max(start, prerequisite.getStart() + visit.getMinGap());
            }
        }
        if (forcedStart != null) {
            if (forcedStart < start) {
                return new Insertion(shift, position, start, Long.MAX_VALUE);
            }
            start = forcedStart;
        }
        for (VisitSlot prerequisite : slot.getPrerequisites()) {
            if (prerequisite.isAssigned()
                    && prerequisite.getStart() != null
                    && visit.getMaxGap() != Visit.NO_LIMIT
                    && start > prerequisite.getStart() + visit.getMaxGap()) {
                return null;
            }
        }
        if (visit.isTimeCritical() && start > visit.getWindow().end()) {
            return null;
        }
        long end = start + visit.getDuration();
        if (Absence.overlap(shift.getAbsences(), start, end) > 0
                || (!shift.getAvailabilities().isEmpty()
                        && Availability.uncovered(shift.getAvailabilities(), start, end) > 0)
                || end > shift.getEnd()) {
            return null;
        }
        long cost = lateWeight * Math.max(0, start - visit.getWindow().end())
                + preferredLateWeight * Math.max(0, start - visit.getPreferredStart());
        // Replay the whole day with the visit in: nothing synchronised or dependent may move, no time-critical window
        // may break, and the day's legal limits (rest break, minimum wage, daily maximum, shift end) must hold.
        long time = end;
        Location at = here;
        long longestIdle = position == 0 ? 0 : start - (previousEnd + travelIn);
        long firstStart = start;
        long departure = start - travelIn;
        int visits = 1;
        long contact = visit.getDuration();
        if (position > 0) {
            VisitSlot first = route.get(0);
            if (first.getStart() == null || first.getTravelBefore() == null) {
                return null;
            }
            firstStart = first.getStart();
            departure = first.getStart() - first.getTravelBefore();
            for (int i = 0; i < position; i++) {
                VisitSlot earlier = route.get(i);
                if (earlier.getStart() == null || earlier.getArrival() == null) {
                    return null;
                }
                if (i > 0) {
                    longestIdle = Math.max(longestIdle, earlier.getStart() - earlier.getArrival());
                }
                visits++;
                contact += earlier.getVisit().getDuration();
            }
        }
        StartedPart started = shift.getStarted();
        if (!started.isEmpty()) {
            // Re-planning: the part of the day already worked counts in the day's limits (see ShiftSummary.of), and
            // the wait before the first visit still to plan is a wait like any other.
            firstStart = started.firstStart();
            departure = started.departure();
            visits += started.visits();
            contact += started.contact();
            longestIdle = Math.max(longestIdle, started.longestIdle());
            if (position == 0) {
                longestIdle = Math.max(longestIdle, start - (previousEnd + travelIn));
            } else {
                VisitSlot first = route.get(0);
                longestIdle = Math.max(longestIdle, first.getStart() - first.getArrival());
            }
        }
        for (int i = position; i < route.size(); i++) {
            VisitSlot later = route.get(i);
            Long laterStart = later.getStart();
            if (laterStart == null) {
                return null;
            }
            Visit laterVisit = later.getVisit();
            long arrival = time + shift.travelTicks(at, laterVisit.getLocation());
            long newStart = Math.max(arrival, laterStart);
            if (newStart != laterStart) {
                if (later.getTogether().size() > 1
                        || !later.getDependents().isEmpty()
                        || !later.getPrerequisites().isEmpty()
                        || (laterVisit.isTimeCritical()
                                && newStart > laterVisit.getWindow().end())
                        || Absence.overlap(shift.getAbsences(), newStart, newStart + laterVisit.getDuration()) > 0
                        || (!shift.getAvailabilities().isEmpty()
                                && Availability.uncovered(
                                                shift.getAvailabilities(),
                                                newStart,
                                                newStart + laterVisit.getDuration())
                                        > 0)) {
                    return null;
                }
                cost += lateWeight
                        * (Math.max(0, newStart - laterVisit.getWindow().end())
                                - Math.max(
                                        0, laterStart - laterVisit.getWindow().end()));
                cost += preferredLateWeight * (newStart - laterStart);
            }
            longestIdle = Math.max(longestIdle, newStart - arrival);
            visits++;
            contact += laterVisit.getDuration();
            time = newStart + laterVisit.getDuration();
            at = laterVisit.getLocation();
        }
        long returnTime = time + shift.travelTicks(at, shift.getEndLocation());
        if (returnTime > shift.getEnd()) {
            return null;
        }
        long workingSpan = returnTime - departure;
        Carer carer = shift.getCarer();
        if (carer != null
                && carer.getMaxWorkingPerDay() != Carer.NONE
                && workingSpan + otherShiftsWorking(shift) > carer.getMaxWorkingPerDay()) {
            return null;
        }
        ShiftRules rules = shift.getRules();
        if (workingSpan > rules.restBreakAfter() && longestIdle < rules.restBreak()) {
            return null;
        }
        if (carer != null
                && carer.getPay() != null
                && rules.minimumHourlyWagePence() >= 0
                && carer.getPay().model() != PayModel.HOURLY) {
            long tpm = rules.ticksPerMinute();
            long paidMinutes = (time - firstStart) / tpm;
            long earned = carer.getPay().dayPayPence(visits, contact / tpm, paidMinutes);
            if ((rules.minimumHourlyWagePence() * paidMinutes + 59) / 60 > earned) {
                return null;
            }
        }
        Location nextLocation =
                position < route.size() ? route.get(position).getVisit().getLocation() : shift.getEndLocation();
        long travelDelta = travelIn
                + shift.travelTicks(here, nextLocation)
                - (route.isEmpty() ? 0 : shift.travelTicks(previousLocation, nextLocation));
        cost += travelWeight * travelDelta;
        if (route.isEmpty()) {
            cost += usageWeight * shift.getUsageCost();
        }
        cost += preferenceCost(visit.getServiceUser(), carer);
        return new Insertion(shift, position, start, cost);
    }

    private long preferenceCost(ServiceUser serviceUser, @Nullable Carer carer) {
        if (carer == null) {
            return 0;
        }
        long cost = 0;
        if (serviceUser.getGenderPreference() != null && serviceUser.getGenderPreference() != carer.getGender()) {
            cost += genderWeight;
        }
        if (!serviceUser.getRegularCarers().isEmpty()
                && !serviceUser.getRegularCarers().contains(carer.getId())) {
            cost += regularWeight;
        }
        if (!serviceUser.getPreferredCarers().isEmpty()
                && !serviceUser.getPreferredCarers().contains(carer.getId())) {
            cost += preferredCarerWeight;
        }
        return cost;
    }

    private static void insert(VisitSlot slot, Insertion insertion) {
        CarerShift shift = insertion.shift();
        List<VisitSlot> list = new ArrayList<>(shift.getSlots());
        list.add(insertion.position(), slot);
        setList(shift, list);
        List<VisitSlot> changed = new ArrayList<>();
        changed.add(slot);
        if (insertion.position() + 1 < list.size()) {
            changed.add(list.get(insertion.position() + 1));
        }
        ScheduleCalculator.update(changed, List.of(shift), ScheduleCalculator.DIRECT);
    }

    private static void setList(CarerShift shift, List<VisitSlot> list) {
        shift.setSlots(list);
        for (int i = 0; i < list.size(); i++) {
            VisitSlot slot = list.get(i);
            slot.setShift(shift);
            slot.setPrevious(i == 0 ? null : list.get(i - 1));
            slot.setNext(i == list.size() - 1 ? null : list.get(i + 1));
        }
    }
}
