package org.carerota.planner.solver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.ShiftSummary;
import org.carerota.planner.domain.VisitSlot;
import org.jspecify.annotations.Nullable;

/**
 * Computes the time shadow variables of visit slots and the summaries of shifts, incrementally.
 *
 * <p>The times form a dependency graph: a slot's start needs the end of the previous slot of every slot it starts
 * together with (its double-up partners, possibly on other shifts) and the start of any visit it depends on with a
 * gap. Given the slots and shifts that changed, the calculator takes everything downstream of them, evaluates it in
 * topological order (Kahn) and marks what is left — slots caught in a cycle, such as two together slots on one shift
 * or two double-ups served in opposite orders by the same two carers, and whatever follows them — as unsynchronised
 * with {@code null} times. The result depends only on the lists, never on the order of changes, which keeps it
 * correct under FULL_ASSERT.
 */
public final class ScheduleCalculator {

    /** Where new values go: straight into the objects, or through a score director. */
    public interface Writer {
        void slot(
                VisitSlot slot,
                @Nullable Long arrival,
                @Nullable Long start,
                @Nullable Long end,
                @Nullable Long travelBefore,
                boolean unsynchronised);

        void summary(CarerShift shift, ShiftSummary summary);
    }

    /** Writes straight into the objects (tests, mapping, before solving). */
    public static final Writer DIRECT = new Writer() {
        @Override
        public void slot(
                VisitSlot slot,
                @Nullable Long arrival,
                @Nullable Long start,
                @Nullable Long end,
                @Nullable Long travelBefore,
                boolean unsynchronised) {
            slot.setArrival(arrival);
            slot.setStart(start);
            slot.setEnd(end);
            slot.setTravelBefore(travelBefore);
            slot.setUnsynchronised(unsynchronised);
        }

        @Override
        public void summary(CarerShift shift, ShiftSummary summary) {
            shift.setSummary(summary);
        }
    };

    private ScheduleCalculator() {}

    /** Recomputes every slot and shift from scratch. */
    public static void updateAll(Collection<CarerShift> shifts, Collection<VisitSlot> slots, Writer writer) {
        update(slots, shifts, writer);
    }

    /**
     * Recomputes what depends on the changed slots and shifts.
     *
     * @param changedSlots every slot whose shift or previous slot changed
     * @param changedShifts shifts whose list changed (including the shifts slots left), for their summaries
     */
    public static void update(Collection<VisitSlot> changedSlots, Collection<CarerShift> changedShifts, Writer writer) {
        Set<CarerShift> shifts = new LinkedHashSet<>(changedShifts);
        for (VisitSlot slot : changedSlots) {
            if (slot.getShift() != null) {
                shifts.add(slot.getShift());
            }
        }
        if (changedSlots.size() < FAST_PATH_MAX_SLOTS && updateUnlinked(changedSlots, shifts, writer)) {
            return;
        }
        // Seeds: the changed slots and everything starting together with them.
        LinkedHashSet<VisitSlot> affected = new LinkedHashSet<>();
        ArrayDeque<VisitSlot> queue = new ArrayDeque<>();
        for (VisitSlot slot : changedSlots) {
            seed(slot, affected, queue);
        }
        // Slots after a change point on a shift have a new previous slot or are downstream of one; the changed shifts
        // themselves only need their summaries recomputed.
        // Downstream closure.
        while (!queue.isEmpty()) {
            VisitSlot slot = queue.poll();
            // Nothing on the virtual unassigned shift has times, so its list order matters to no one.
            VisitSlot next = slot.isAssigned() ? slot.getNext() : null;
            if (next != null) {
                for (VisitSlot partner : next.getTogether()) {
                    seed(partner, affected, queue);
                }
            }
            for (VisitSlot dependent : slot.getDependents()) {
                for (VisitSlot partner : dependent.getTogether()) {
                    seed(partner, affected, queue);
                }
            }
        }
        evaluate(affected, writer);
        for (VisitSlot slot : affected) {
            if (slot.getShift() != null) {
                shifts.add(slot.getShift());
            }
        }
        for (CarerShift shift : shifts) {
            ShiftSummary summary = ShiftSummary.of(shift);
            if (!summary.equals(shift.getSummary())) {
                writer.summary(shift, summary);
            }
        }
    }

    /** Above this many changed slots (a full update), the general path is as quick. */
    private static final int FAST_PATH_MAX_SLOTS = 64;

    /**
     * The common case, every route in the move free of double-ups and dependencies (always so in VRPTW): each real
     * shift touched is recomputed in list order, which costs its length and no allocation per slot, and slots that
     * left for the virtual unassigned shift are cleared. Only values that change are written.
     *
     * @return false, having changed nothing, when a slot involved is linked to another; the general path runs then
     */
    private static boolean updateUnlinked(Collection<VisitSlot> changedSlots, Set<CarerShift> shifts, Writer writer) {
        for (VisitSlot slot : changedSlots) {
            if (isLinked(slot)) {
                return false;
            }
        }
        for (CarerShift shift : shifts) {
            if (shift.isVirtual()) {
                continue;
            }
            for (VisitSlot slot : shift.getSlots()) {
                if (isLinked(slot)) {
                    return false;
                }
            }
        }
        for (VisitSlot slot : changedSlots) {
            if (!slot.isAssigned()) {
                write(slot, null, null, null, null, false, writer);
            }
        }
        for (CarerShift shift : shifts) {
            if (shift.isVirtual()) {
                continue;
            }
            long previousEnd = shift.getStart();
            Location at = shift.getStartLocation();
            for (VisitSlot slot : shift.getSlots()) {
                Location location = slot.getVisit().getLocation();
                long travel = shift.travelTicks(at, location);
                long arrival = previousEnd + travel;
                long start = Math.max(arrival, slot.getVisit().getWindow().start());
                long end = start + slot.getVisit().getDuration();
                write(slot, arrival, start, end, travel, false, writer);
                previousEnd = end;
                at = location;
            }
            ShiftSummary summary = ShiftSummary.of(shift);
            if (!summary.equals(shift.getSummary())) {
                writer.summary(shift, summary);
            }
        }
        return true;
    }

    private static boolean isLinked(VisitSlot slot) {
        return slot.getTogether().size() > 1
                || !slot.getPrerequisites().isEmpty()
                || !slot.getDependents().isEmpty();
    }

    private static void seed(VisitSlot slot, Set<VisitSlot> affected, ArrayDeque<VisitSlot> queue) {
        if (affected.add(slot)) {
            queue.add(slot);
        }
        for (VisitSlot partner : slot.getTogether()) {
            if (affected.add(partner)) {
                queue.add(partner);
            }
        }
    }

    private static List<VisitSlot> inputs(VisitSlot slot) {
        List<VisitSlot> inputs = new ArrayList<>(2);
        for (VisitSlot partner : slot.getTogether()) {
            if (!partner.isAssigned()) {
                continue;
            }
            VisitSlot previous = partner.getPrevious();
            if (previous != null) {
                inputs.add(previous);
            }
            for (VisitSlot prerequisite : partner.getPrerequisites()) {
                if (prerequisite.isAssigned()) {
                    inputs.add(prerequisite);
                }
            }
        }
        return inputs;
    }

    private static void evaluate(LinkedHashSet<VisitSlot> affected, Writer writer) {
        Map<VisitSlot, Integer> pending = new HashMap<>();
        Map<VisitSlot, List<VisitSlot>> successors = new HashMap<>();
        ArrayDeque<VisitSlot> ready = new ArrayDeque<>();
        for (VisitSlot slot : affected) {
            if (!slot.isAssigned()) {
                pending.put(slot, 0);
                continue;
            }
            int count = 0;
            for (VisitSlot input : new LinkedHashSet<>(inputs(slot))) {
                if (affected.contains(input)) {
                    count++;
                    successors.computeIfAbsent(input, k -> new ArrayList<>()).add(slot);
                }
            }
            pending.put(slot, count);
        }
        for (VisitSlot slot : affected) {
            if (pending.get(slot) == 0) {
                ready.add(slot);
            }
        }
        Set<VisitSlot> done = new LinkedHashSet<>();
        while (!ready.isEmpty()) {
            VisitSlot slot = ready.poll();
            compute(slot, writer);
            done.add(slot);
            for (VisitSlot successor : successors.getOrDefault(slot, List.of())) {
                int left = pending.merge(successor, -1, Integer::sum);
                if (left == 0) {
                    ready.add(successor);
                }
            }
        }
        for (VisitSlot slot : affected) {
            if (!done.contains(slot)) {
                write(slot, null, null, null, travelBefore(slot), true, writer);
            }
        }
    }

    private static @Nullable Long travelBefore(VisitSlot slot) {
        CarerShift shift = slot.getShift();
        if (shift == null || shift.isVirtual()) {
            return null;
        }
        VisitSlot previous = slot.getPrevious();
        return shift.travelTicks(
                previous == null
                        ? shift.getStartLocation()
                        : previous.getVisit().getLocation(),
                slot.getVisit().getLocation());
    }

    /** The arrival of a slot from its predecessor's end (or its shift's start), or {@code null} if unknown. */
    private static @Nullable Long arrival(VisitSlot slot) {
        CarerShift shift = Objects.requireNonNull(slot.getShift());
        VisitSlot previous = slot.getPrevious();
        Long travel = travelBefore(slot);
        if (previous == null) {
            return shift.getStart() + travel;
        }
        Long previousEnd = previous.getEnd();
        return previousEnd == null ? null : previousEnd + travel;
    }

    private static void compute(VisitSlot slot, Writer writer) {
        if (!slot.isAssigned()) {
            write(slot, null, null, null, null, false, writer);
            return;
        }
        Long ownArrival = arrival(slot);
        if (ownArrival == null) {
            write(slot, null, null, null, travelBefore(slot), true, writer);
            return;
        }
        long start = Math.max(ownArrival, slot.getVisit().getWindow().start());
        for (VisitSlot partner : slot.getTogether()) {
            if (partner == slot || !partner.isAssigned()) {
                continue;
            }
            // Partners must be different carers (a split day gives one carer two shifts).
            Long partnerArrival = partner.getShift() == slot.getShift() || partner.getCarer() == slot.getCarer()
                    ? null
                    : arrival(partner);
            if (partnerArrival == null) {
                write(slot, ownArrival, null, null, travelBefore(slot), true, writer);
                return;
            }
            start = Math.max(
                    start,
                    Math.max(partnerArrival, partner.getVisit().getWindow().start()));
        }
        for (VisitSlot partner : slot.getTogether()) {
            if (!partner.isAssigned()) {
                continue;
            }
            for (VisitSlot prerequisite : partner.getPrerequisites()) {
                if (!prerequisite.isAssigned()) {
                    continue;
                }
                Long prerequisiteStart = prerequisite.getStart();
                if (prerequisiteStart == null) {
                    write(slot, ownArrival, null, null, travelBefore(slot), true, writer);
                    return;
                }
                start = Math.max(start, prerequisiteStart + partner.getVisit().getMinGap());
            }
        }
        write(slot, ownArrival, start, start + slot.getVisit().getDuration(), travelBefore(slot), false, writer);
    }

    private static void write(
            VisitSlot slot,
            @Nullable Long arrival,
            @Nullable Long start,
            @Nullable Long end,
            @Nullable Long travelBefore,
            boolean unsynchronised,
            Writer writer) {
        if (Objects.equals(arrival, slot.getArrival())
                && Objects.equals(start, slot.getStart())
                && Objects.equals(end, slot.getEnd())
                && Objects.equals(travelBefore, slot.getTravelBefore())
                && unsynchronised == slot.isUnsynchronised()) {
            return;
        }
        writer.slot(slot, arrival, start, end, travelBefore, unsynchronised);
    }
}
