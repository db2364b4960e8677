package org.carerota.planner.travel;

import java.util.EnumMap;
import java.util.Map;

/**
 * Great-circle (haversine) distance between latitude/longitude points times a detour factor, travelled at a speed per
 * {@link TravelMode}.
 */
public final class StraightLineTravel implements TravelTimeProvider {

    /** Mean Earth radius in km. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    /** Road distance / straight-line distance when a problem gives none (typical for English roads). */
    public static final double DEFAULT_DETOUR_FACTOR = 1.3;

    private final double[] latitudes;
    private final double[] longitudes;
    private final double detourFactor;
    private final Map<TravelMode, Double> speedsKmh;

    /**
     * @param latitudes latitude of each point in decimal degrees
     * @param longitudes longitude of each point in decimal degrees
     * @param detourFactor road distance / straight-line distance, at least 1
     * @param speedOverrides km/h per mode replacing the defaults (modes absent keep their default)
     */
    public StraightLineTravel(
            double[] latitudes, double[] longitudes, double detourFactor, Map<TravelMode, Double> speedOverrides) {
        if (latitudes.length != longitudes.length) {
            throw new IllegalArgumentException("latitudes and longitudes differ in length");
        }
        if (!(detourFactor > 0)) {
            throw new IllegalArgumentException("detourFactor must be positive: " + detourFactor);
        }
        this.latitudes = latitudes.clone();
        this.longitudes = longitudes.clone();
        this.detourFactor = detourFactor;
        this.speedsKmh = new EnumMap<>(TravelMode.class);
        for (TravelMode mode : TravelMode.values()) {
            double speed = speedOverrides.getOrDefault(mode, mode.defaultSpeedKmh());
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed of " + mode + " must be positive: " + speed);
            }
            speedsKmh.put(mode, speed);
        }
    }

    /** Haversine great-circle distance in km. */
    public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    @Override
    public double distance(int from, int to) {
        if (from == to) {
            return 0.0;
        }
        return haversineKm(latitudes[from], longitudes[from], latitudes[to], longitudes[to]) * detourFactor;
    }

    @Override
    public double minutes(int from, int to, TravelMode mode) {
        return distance(from, to) / speedsKmh.get(mode) * 60.0;
    }

    @Override
    public int size() {
        return latitudes.length;
    }

    /** The speed used for a mode, in km/h. */
    public double speedKmh(TravelMode mode) {
        return speedsKmh.get(mode);
    }
}
