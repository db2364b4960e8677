package org.carerota.planner.solver;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.VisitSlot;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.Move;
import org.optaplanner.core.impl.heuristic.selector.common.decorator.SelectionFilter;
import org.optaplanner.core.impl.heuristic.selector.move.generic.list.ListChangeMove;
import org.optaplanner.core.impl.heuristic.selector.move.generic.list.ListSwapMove;

/**
 * Skips list moves that would put a visit on another day's shift (always a {@code wrongDay} violation): in a week's
 * rota most random destinations are on other days. The virtual unassigned shift takes any day.
 */
public final class SameDayMoveFilter implements SelectionFilter<CareRota, Move<CareRota>> {

    @Override
    public boolean accept(ScoreDirector<CareRota> scoreDirector, Move<CareRota> move) {
        if (move instanceof ListChangeMove<CareRota> change) {
            return fits((VisitSlot) change.getMovedValue(), (CarerShift) change.getDestinationEntity());
        }
        if (move instanceof ListSwapMove<CareRota> swap) {
            return fits((VisitSlot) swap.getLeftValue(), (CarerShift) swap.getRightEntity())
                    && fits((VisitSlot) swap.getRightValue(), (CarerShift) swap.getLeftEntity());
        }
        return true;
    }

    private static boolean fits(VisitSlot slot, CarerShift shift) {
        return shift.isVirtual() || shift.getDayIndex() == slot.getVisit().getDayIndex();
    }
}
