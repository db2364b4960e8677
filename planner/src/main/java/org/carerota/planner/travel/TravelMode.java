package org.carerota.planner.travel;

/**
 * How a carer travels, with the default speed used by the straight-line model.
 *
 * <p>Defaults are door-to-door averages for English towns and their rural surroundings, with the detour factor
 * applied separately to the distance: walking 4.8 km/h (a brisk adult pace), bicycle 15 km/h, car 30 km/h (urban and
 * village roads with parking), public transport 15 km/h (buses including waiting and walking at both ends).
 */
public enum TravelMode {
    WALK(4.8),
    BICYCLE(15.0),
    CAR(30.0),
    PUBLIC_TRANSPORT(15.0);

    private final double defaultSpeedKmh;

    TravelMode(double defaultSpeedKmh) {
        this.defaultSpeedKmh = defaultSpeedKmh;
    }

    /** The default speed in km/h. */
    public double defaultSpeedKmh() {
        return defaultSpeedKmh;
    }
}
