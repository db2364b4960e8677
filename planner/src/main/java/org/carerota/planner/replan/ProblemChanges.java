package org.carerota.planner.replan;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.domain.Absence;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.api.solver.change.ProblemChange;
import org.optaplanner.core.api.solver.change.ProblemChangeDirector;

/**
 * Disruptions as {@link ProblemChange}s for a solver that is already running (for example in the api's
 * SolverManager): the solver keeps its best rota, applies the change and carries on.
 */
public final class ProblemChanges {

    private static final String SLOTS = "slots";

    private ProblemChanges() {}

    /**
     * The score director behind a problem change director. OptaPlanner 10.2.0's {@code
     * ProblemChangeDirector.changeVariable} sends basic-variable events only, which leave a list variable's shadow
     * variables (inverse shift, previous, next, index) stale; list events must go through the score director.
     */
    @SuppressWarnings("unchecked")
    static ScoreDirector<CareRota> scoreDirector(ProblemChangeDirector director) {
        try {
            Field field = director.getClass().getDeclaredField("scoreDirector");
            field.setAccessible(true);
            return (ScoreDirector<CareRota>) field.get(director);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the score director of " + director.getClass(), e);
        }
    }

    /** Takes a visit out: its slots leave their shifts and the problem. */
    public static ProblemChange<CareRota> cancelVisit(String visitId) {
        return (rota, director) -> {
            List<VisitSlot> slots = rota.getSlots().stream()
                    .filter(slot -> slot.getVisitId().equals(visitId))
                    .toList();
            ScoreDirector<CareRota> scoreDirector = scoreDirector(director);
            for (VisitSlot slot : slots) {
                CarerShift shift = slot.getShift();
                if (shift != null) {
                    // The order of OptaPlanner's own ListUnassignMove: the list change, then the element unassigned.
                    int index = shift.getSlots().indexOf(slot);
                    scoreDirector.beforeListVariableChanged(shift, SLOTS, index, index + 1);
                    shift.getSlots().remove(index);
                    scoreDirector.afterListVariableChanged(shift, SLOTS, index, index);
                    scoreDirector.afterListVariableElementUnassigned(shift, SLOTS, slot);
                }
            }
            // The shadow variables (arrival times of the shift's other slots, the removed slot's own, which the
            // listener clears) are updated when the listeners run, and Bavet is told of those updates then: run them
            // now, while the slots are still facts of the session, not after they are retracted below ("The fact …
            // was never inserted, so it cannot update").
            scoreDirector.triggerVariableListeners();
            for (VisitSlot other : rota.getSlots()) {
                boolean linked = other.getTogether().stream().anyMatch(slots::contains)
                        || other.getPrerequisites().stream().anyMatch(slots::contains)
                        || other.getDependents().stream().anyMatch(slots::contains);
                if (linked && !slots.contains(other)) {
                    director.changeProblemProperty(other, o -> {
                        o.getTogether().removeAll(slots);
                        o.getPrerequisites().removeAll(slots);
                        o.getDependents().removeAll(slots);
                    });
                }
            }
            for (VisitSlot slot : slots) {
                director.removeProblemFact(slot, rota.getSlots()::remove);
            }
            rota.getVisits().stream()
                    .filter(visit -> visit.getId().equals(visitId))
                    .findFirst()
                    .ifPresent(visit -> director.removeProblemFact(visit, rota.getVisits()::remove));
        };
    }

    /** Adds a visit (already built against the running problem's facts) on the unassigned shift for the solver to place. */
    public static ProblemChange<CareRota> addVisit(Visit visit) {
        return (rota, director) -> {
            director.addProblemFact(visit, rota.getVisits()::add);
            List<VisitSlot> slots = new ArrayList<>();
            for (int part = 0; part < visit.getCarersRequired(); part++) {
                slots.add(new VisitSlot(visit, part));
            }
            VisitSlot.linkTogether(slots);
            CarerShift unassigned = rota.unassignedShift();
            ScoreDirector<CareRota> scoreDirector = scoreDirector(director);
            for (VisitSlot slot : slots) {
                director.addProblemFact(slot, rota.getSlots()::add);
                int index = unassigned.getSlots().size();
                scoreDirector.beforeListVariableElementAssigned(unassigned, SLOTS, slot);
                scoreDirector.beforeListVariableChanged(unassigned, SLOTS, index, index);
                unassigned.getSlots().add(slot);
                scoreDirector.afterListVariableElementAssigned(unassigned, SLOTS, slot);
                scoreDirector.afterListVariableChanged(unassigned, SLOTS, index, index + 1);
            }
        };
    }

    /** Records that a carer is absent over {@code [from, until)} (ticks) on every shift it touches. */
    public static ProblemChange<CareRota> carerAbsent(String carerId, long from, long until, String reason) {
        return (rota, director) -> {
            for (CarerShift shift : rota.getShifts()) {
                if (shift.isVirtual()
                        || !shift.getCarerId().equals(carerId)
                        || shift.getEnd() <= from
                        || shift.getStart() >= until) {
                    continue;
                }
                List<Absence> absences = new ArrayList<>(shift.getAbsences());
                absences.add(new Absence(from, until, reason));
                director.changeProblemProperty(shift, s -> s.setAbsences(absences));
                for (VisitSlot slot : shift.getSlots()) {
                    // constraints read the shift's absences through the slot: tell the score director it changed
                    director.changeProblemProperty(slot, s -> {});
                }
            }
        };
    }
}
