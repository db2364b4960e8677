package org.carerota.planner.solver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.ShiftSummary;
import org.carerota.planner.domain.VisitSlot;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.domain.variable.VariableListener;
import org.optaplanner.core.api.score.director.ScoreDirector;

/**
 * Keeps a visit slot's arrival, start, end, travel and synchronisation flag, and its shifts' summaries, up to date
 * when the slot's shift or previous slot changes (the built-in list shadow variables are updated first).
 *
 * <p>Double-ups cross shifts: when one carer's arrival moves, the partner on another shift starts at a different
 * time, and so does everything after it on that shift. {@link ScheduleCalculator} follows those links. All changes of
 * one move are gathered (the "before" notifications all arrive before the first "after") and recomputed once.
 */
public class ArrivalTimeListener implements VariableListener<CareRota, VisitSlot> {

    private final Set<VisitSlot> pendingSlots = new LinkedHashSet<>();
    private final Set<CarerShift> pendingShifts = new LinkedHashSet<>();
    private Set<VisitSlot> handled = new HashSet<>();
    private boolean flushed;

    @Override
    public void beforeVariableChanged(ScoreDirector<CareRota> scoreDirector, VisitSlot slot) {
        remember(slot);
    }

    @Override
    public void afterVariableChanged(ScoreDirector<CareRota> scoreDirector, VisitSlot slot) {
        afterChange(scoreDirector, slot);
    }

    @Override
    public void beforeEntityAdded(ScoreDirector<CareRota> scoreDirector, VisitSlot slot) {
        remember(slot);
    }

    @Override
    public void afterEntityAdded(ScoreDirector<CareRota> scoreDirector, VisitSlot slot) {
        afterChange(scoreDirector, slot);
    }

    @Override
    public void beforeEntityRemoved(ScoreDirector<CareRota> scoreDirector, VisitSlot slot) {
        remember(slot);
    }

    @Override
    public void afterEntityRemoved(ScoreDirector<CareRota> scoreDirector, VisitSlot slot) {
        pendingSlots.remove(slot);
        handled.add(slot);
        flush(scoreDirector);
    }

    @Override
    public void resetWorkingSolution(ScoreDirector<CareRota> scoreDirector) {
        pendingSlots.clear();
        pendingShifts.clear();
        handled = new HashSet<>();
        flushed = false;
    }

    private void remember(VisitSlot slot) {
        if (flushed) {
            // A new set rather than clear(): clear() walks the whole table, which a full update once made large.
            if (!handled.isEmpty()) {
                handled = new HashSet<>();
            }
            flushed = false;
        }
        pendingSlots.add(slot);
        if (slot.getShift() != null) {
            pendingShifts.add(slot.getShift());
        }
    }

    private void afterChange(ScoreDirector<CareRota> scoreDirector, VisitSlot slot) {
        if (handled.contains(slot) && !pendingSlots.contains(slot)) {
            return;
        }
        pendingSlots.add(slot);
        if (slot.getShift() != null) {
            pendingShifts.add(slot.getShift());
        }
        flush(scoreDirector);
    }

    private void flush(ScoreDirector<CareRota> scoreDirector) {
        if (pendingSlots.isEmpty() && pendingShifts.isEmpty()) {
            flushed = true;
            return;
        }
        List<VisitSlot> slots = new ArrayList<>(pendingSlots);
        List<CarerShift> shifts = new ArrayList<>(pendingShifts);
        handled.addAll(slots);
        pendingSlots.clear();
        pendingShifts.clear();
        flushed = true;
        ScheduleCalculator.update(slots, shifts, new DirectorWriter(scoreDirector));
    }

    private record DirectorWriter(ScoreDirector<CareRota> director) implements ScheduleCalculator.Writer {

        @Override
        public void slot(
                VisitSlot slot,
                @Nullable Long arrival,
                @Nullable Long start,
                @Nullable Long end,
                @Nullable Long travelBefore,
                boolean unsynchronised) {
            // Only what changed is announced: each announcement costs a descriptor look-up and a constraint update.
            if (!Objects.equals(arrival, slot.getArrival())) {
                director.beforeVariableChanged(slot, "arrival");
                slot.setArrival(arrival);
                director.afterVariableChanged(slot, "arrival");
            }
            if (!Objects.equals(start, slot.getStart())) {
                director.beforeVariableChanged(slot, "start");
                slot.setStart(start);
                director.afterVariableChanged(slot, "start");
            }
            if (!Objects.equals(end, slot.getEnd())) {
                director.beforeVariableChanged(slot, "end");
                slot.setEnd(end);
                director.afterVariableChanged(slot, "end");
            }
            if (!Objects.equals(travelBefore, slot.getTravelBefore())) {
                director.beforeVariableChanged(slot, "travelBefore");
                slot.setTravelBefore(travelBefore);
                director.afterVariableChanged(slot, "travelBefore");
            }
            if (unsynchronised != slot.isUnsynchronised()) {
                director.beforeVariableChanged(slot, "unsynchronised");
                slot.setUnsynchronised(unsynchronised);
                director.afterVariableChanged(slot, "unsynchronised");
            }
        }

        @Override
        public void summary(CarerShift shift, ShiftSummary summary) {
            director.beforeVariableChanged(shift, "summary");
            shift.setSummary(summary);
            director.afterVariableChanged(shift, "summary");
        }
    }
}
