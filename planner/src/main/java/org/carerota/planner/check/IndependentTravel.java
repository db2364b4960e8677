package org.carerota.planner.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.TravelMode;
import org.jspecify.annotations.Nullable;

/**
 * Travel time and distance, re-implemented here from the documented formulas so that the checker shares no code with
 * the solver's travel providers.
 *
 * <ul>
 *   <li>STRAIGHT_LINE: haversine great-circle distance (Earth radius 6371.0088 km) times the detour factor (default
 *       1.3); minutes = km / speed × 60 at the carer's travel-mode speed: the problem's {@code speedsKmh}, else
 *       {@link #DEFAULT_SPEEDS_KMH}.
 *   <li>PLANAR: Euclidean distance; minutes = distance / unitsPerMinute (default 1); "km" = distance units.
 *   <li>MATRIX: {@code minutes[i][j]} and {@code km[i][j]} (0 when no km matrix) between the locations' points.
 * </ul>
 */
public final class IndependentTravel {

    /** Mean Earth radius in km (IUGG). */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    /** Default detour factor: road distance / straight-line distance. */
    public static final double DEFAULT_DETOUR_FACTOR = 1.3;

    /**
     * Default door-to-door speeds in km/h: WALK 4.8, BICYCLE 15, CAR 30 (town and village roads with parking),
     * PUBLIC_TRANSPORT 15 (buses, waiting and walking at both ends included). The same values as the solver's
     * {@code travel.TravelMode} defaults.
     */
    public static final Map<TravelMode, Double> DEFAULT_SPEEDS_KMH = Map.of(
            TravelMode.WALK, 4.8, TravelMode.BICYCLE, 15.0, TravelMode.CAR, 30.0, TravelMode.PUBLIC_TRANSPORT, 15.0);

    private final ProblemDocument.Travel travel;
    private final Map<String, Integer> pointIndex = new HashMap<>();

    public IndependentTravel(ProblemDocument.Travel travel) {
        this.travel = travel;
        List<String> points = travel.points();
        for (int i = 0; i < points.size(); i++) {
            pointIndex.put(points.get(i), i);
        }
    }

    /** Travel minutes from one location to another for a carer travelling by {@code mode}. */
    public double minutes(ProblemDocument.Location from, ProblemDocument.Location to, TravelMode mode) {
        return switch (travel.model()) {
            case STRAIGHT_LINE -> km(from, to) / speedKmh(mode) * 60.0;
            case PLANAR -> km(from, to) / unitsPerMinute();
            case MATRIX -> matrix(travel.minutes(), from, to);
        };
    }

    /** Travel distance in km (PLANAR: distance units). */
    public double km(ProblemDocument.Location from, ProblemDocument.Location to) {
        return switch (travel.model()) {
            case STRAIGHT_LINE -> haversineKm(from.lat(), from.lon(), to.lat(), to.lon()) * detourFactor();
            case PLANAR -> Math.hypot(to.x() - from.x(), to.y() - from.y());
            case MATRIX -> travel.km() == null ? 0.0 : matrix(travel.km(), from, to);
        };
    }

    /** The speed of a mode in km/h: the problem's override, else the default. */
    public double speedKmh(TravelMode mode) {
        Double speed = travel.speedsKmh().get(mode.name());
        return speed != null ? speed : DEFAULT_SPEEDS_KMH.get(mode);
    }

    private double detourFactor() {
        return travel.detourFactor() == null ? DEFAULT_DETOUR_FACTOR : travel.detourFactor();
    }

    private double unitsPerMinute() {
        return travel.unitsPerMinute() == null ? 1.0 : travel.unitsPerMinute();
    }

    private double matrix(List<List<Double>> values, ProblemDocument.Location from, ProblemDocument.Location to) {
        Integer i = index(from);
        Integer j = index(to);
        return values.get(i).get(j);
    }

    private Integer index(ProblemDocument.Location location) {
        @Nullable Integer index = location.point() == null ? null : pointIndex.get(location.point());
        if (index == null) {
            throw new IllegalArgumentException("unknown matrix point '" + location.point() + "'");
        }
        return index;
    }

    /** Haversine great-circle distance in km between two lat/lon points in decimal degrees. */
    public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double h =
                Math.pow(Math.sin(dPhi / 2), 2) + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
