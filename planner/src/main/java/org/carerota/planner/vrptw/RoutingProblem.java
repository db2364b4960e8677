package org.carerota.planner.vrptw;

/**
 * A VRPTW instance as plain arrays for the array-based heuristics ({@link RouteMinimiser},
 * {@link StringRemovalSearch}): point 0 is the depot, points 1 … n-1 the customers; times and travel in solver ticks,
 * travel rounded up per leg as {@code TravelMatrix} does, so that routes feasible here are feasible for the solver.
 *
 * @param travel travel ticks, {@code travel[from * n + to]}
 * @param ready earliest start of service (the depot's: the earliest departure)
 * @param due latest start of service (the depot's: the latest return)
 * @param service service ticks (0 at the depot)
 * @param demand demand (0 at the depot)
 * @param capacity vehicle capacity
 */
record RoutingProblem(long[] travel, long[] ready, long[] due, long[] service, int[] demand, int capacity) {

    /** Points, depot included. */
    int n() {
        return ready.length;
    }

    /** Travel ticks. */
    long t(int from, int to) {
        return travel[from * ready.length + to];
    }
}
