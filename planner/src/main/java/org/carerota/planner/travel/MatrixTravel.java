package org.carerota.planner.travel;

import org.jspecify.annotations.Nullable;

/** A given matrix of travel minutes (and optionally km) between points; the same for every travel mode. */
public final class MatrixTravel implements TravelTimeProvider {

    private final double[][] minutes;
    private final double @Nullable [][] km;

    /**
     * @param minutes {@code minutes[i][j]}: travel time from point i to point j, square
     * @param km {@code km[i][j]}: distance from point i to point j, or {@code null} when unknown (distance 0)
     */
    public MatrixTravel(double[][] minutes, double @Nullable [][] km) {
        for (double[] row : minutes) {
            if (row.length != minutes.length) {
                throw new IllegalArgumentException("the minutes matrix is not square");
            }
        }
        if (km != null && km.length != minutes.length) {
            throw new IllegalArgumentException("the km matrix differs in size from the minutes matrix");
        }
        this.minutes = minutes;
        this.km = km;
    }

    @Override
    public double minutes(int from, int to, TravelMode mode) {
        return minutes[from][to];
    }

    @Override
    public double distance(int from, int to) {
        return km == null ? 0.0 : km[from][to];
    }

    @Override
    public int size() {
        return minutes.length;
    }
}
