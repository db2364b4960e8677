package org.carerota.planner.travel;

/**
 * Euclidean distance in double precision between x/y points (benchmark instances); travel minutes are the distance
 * divided by {@code unitsPerMinute}, whatever the travel mode.
 */
public final class PlanarTravel implements TravelTimeProvider {

    private final double[] xs;
    private final double[] ys;
    private final double unitsPerMinute;

    public PlanarTravel(double[] xs, double[] ys, double unitsPerMinute) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs and ys differ in length");
        }
        if (!(unitsPerMinute > 0)) {
            throw new IllegalArgumentException("unitsPerMinute must be positive: " + unitsPerMinute);
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.unitsPerMinute = unitsPerMinute;
    }

    @Override
    public double distance(int from, int to) {
        return Math.hypot(xs[from] - xs[to], ys[from] - ys[to]);
    }

    @Override
    public double minutes(int from, int to, TravelMode mode) {
        return distance(from, to) / unitsPerMinute;
    }

    @Override
    public int size() {
        return xs.length;
    }
}
