package org.carerota.planner.travel;

import java.util.EnumSet;
import java.util.Set;

/**
 * Travel times (in solver ticks) and distances between every pair of points, computed once per problem so that score
 * calculation is a table lookup.
 *
 * <p>Times are rounded up to whole ticks: a plan that is feasible in ticks is feasible with the exact times. Only the
 * travel modes asked for are tabulated (times are {@code int}, distances {@code float}, to keep large regions in
 * memory); another mode falls back to the CAR table.
 */
public final class TravelMatrix {

    private final int size;
    private final int[][] ticksByMode;
    private final float[] distances;

    private TravelMatrix(int size, int[][] ticksByMode, float[] distances) {
        this.size = size;
        this.ticksByMode = ticksByMode;
        this.distances = distances;
    }

    /** Every mode. */
    public static TravelMatrix precompute(TravelTimeProvider provider, double ticksPerMinute) {
        return precompute(provider, ticksPerMinute, EnumSet.allOf(TravelMode.class));
    }

    /**
     * Asks the provider once for every pair of points and each mode used.
     *
     * @param provider the travel model
     * @param ticksPerMinute how many solver ticks make one minute
     * @param modes the travel modes carers use
     */
    public static TravelMatrix precompute(TravelTimeProvider provider, double ticksPerMinute, Set<TravelMode> modes) {
        int n = provider.size();
        TravelMode[] all = TravelMode.values();
        int[][] ticks = new int[all.length][];
        float[] distances = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                distances[i * n + j] = i == j ? 0f : (float) provider.distance(i, j);
            }
        }
        EnumSet<TravelMode> tabulated = EnumSet.copyOf(modes.isEmpty() ? EnumSet.of(TravelMode.CAR) : modes);
        tabulated.add(TravelMode.CAR);
        for (TravelMode mode : tabulated) {
            int[] row = new int[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        double value = Math.ceil(provider.minutes(i, j, mode) * ticksPerMinute - 1e-9);
                        if (value > Integer.MAX_VALUE) {
                            throw new IllegalArgumentException("travel time too large for the tick size: " + value);
                        }
                        row[i * n + j] = (int) Math.max(0, value);
                    }
                }
            }
            ticks[mode.ordinal()] = row;
        }
        return new TravelMatrix(n, ticks, distances);
    }

    /** Travel time in ticks. */
    public long ticks(int from, int to, TravelMode mode) {
        int[] row = ticksByMode[mode.ordinal()];
        if (row == null) {
            row = ticksByMode[TravelMode.CAR.ordinal()];
        }
        return row[from * size + to];
    }

    /** Distance in the provider's unit (km, or planar units), single precision. */
    public double distance(int from, int to) {
        return distances[from * size + to];
    }

    /** The number of points. */
    public int size() {
        return size;
    }
}
