package org.carerota.planner.testdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.solver.ScheduleCalculator;

/** Places slots on shifts as the solver would: sets the list AND every shadow variable. */
public final class Routes {

    private Routes() {}

    /** Sets the shift's list to the slots, in order, and recomputes every affected shadow variable. */
    public static void assign(CarerShift shift, VisitSlot... slots) {
        assign(shift, Arrays.asList(slots));
    }

    /** As {@link #assign(CarerShift, VisitSlot...)}. */
    public static void assign(CarerShift shift, List<VisitSlot> slots) {
        List<VisitSlot> old = new ArrayList<>(shift.getSlots());
        for (VisitSlot slot : old) {
            slot.setShift(null);
            slot.setPrevious(null);
            slot.setNext(null);
        }
        shift.setSlots(new ArrayList<>(slots));
        for (int i = 0; i < slots.size(); i++) {
            VisitSlot slot = slots.get(i);
            slot.setShift(shift);
            slot.setPrevious(i == 0 ? null : slots.get(i - 1));
            slot.setNext(i == slots.size() - 1 ? null : slots.get(i + 1));
        }
        List<VisitSlot> changed = new ArrayList<>(old);
        changed.addAll(slots);
        ScheduleCalculator.update(changed, List.of(shift), ScheduleCalculator.DIRECT);
    }
}
