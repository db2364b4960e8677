package org.carerota.planner.solver;

import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.VisitSlot;
import org.optaplanner.core.impl.heuristic.selector.common.nearby.NearbyDistanceMeter;

/**
 * Nearby selection for care rotas: how far (in km-equivalents) a destination (a slot to insert after, or a shift to
 * insert at the front of) is from a slot. Space and time both matter: one hour between window starts counts as 10 km,
 * another day as very far, and the virtual unassigned shift as farther still (plain moves still reach it).
 */
public final class CareNearbyDistanceMeter implements NearbyDistanceMeter<VisitSlot, Object> {

    private static final double FAR = 1.0e6;

    @Override
    public double getNearbyDistance(VisitSlot origin, Object destination) {
        if (destination instanceof CarerShift shift) {
            if (shift.isVirtual()) {
                return FAR * 10;
            }
            double day = shift.getDayIndex() == origin.getVisit().getDayIndex() ? 0.0 : FAR;
            return day + km(origin.getVisit().getLocation(), shift.getStartLocation());
        }
        VisitSlot other = (VisitSlot) destination;
        double day = other.getVisit().getDayIndex() == origin.getVisit().getDayIndex() ? 0.0 : FAR;
        double hours = Math.abs(other.getVisit().getWindow().start()
                        - origin.getVisit().getWindow().start())
                / 60.0;
        return day + km(origin.getVisit().getLocation(), other.getVisit().getLocation()) + 10.0 * hours;
    }

    /** Equirectangular approximation: plenty for ranking neighbours. */
    static double km(Location a, Location b) {
        double meanLatitude = Math.toRadians((a.y() + b.y()) / 2);
        double dx = (a.x() - b.x()) * 111.32 * Math.cos(meanLatitude);
        double dy = (a.y() - b.y()) * 110.57;
        return Math.sqrt(dx * dx + dy * dy);
    }
}
