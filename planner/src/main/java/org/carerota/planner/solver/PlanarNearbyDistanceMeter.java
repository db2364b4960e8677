package org.carerota.planner.solver;

import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.VisitSlot;
import org.optaplanner.core.impl.heuristic.selector.common.nearby.NearbyDistanceMeter;

/** Nearby selection for planar routing benchmarks: Euclidean distance; the virtual shift is far away. */
public final class PlanarNearbyDistanceMeter implements NearbyDistanceMeter<VisitSlot, Object> {

    @Override
    public double getNearbyDistance(VisitSlot origin, Object destination) {
        Location from = origin.getVisit().getLocation();
        if (destination instanceof CarerShift shift) {
            if (shift.isVirtual()) {
                return Double.MAX_VALUE / 4;
            }
            return distance(from, shift.getStartLocation());
        }
        return distance(from, ((VisitSlot) destination).getVisit().getLocation());
    }

    private static double distance(Location a, Location b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
