package org.carerota.planner.vrptw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link RouteMinimiser} and {@link StringRemovalSearch} on small problems whose best answer is known. */
class ArrayHeuristicsTests {

    /**
     * Customers on a line at x = 1 … count (the depot at 0), travel = |x<sub>i</sub> - x<sub>j</sub>| ticks, service
     * 1 tick, demand 1.
     */
    private static RoutingProblem line(int count, int capacity, long[] ready, long[] due) {
        int n = count + 1;
        long[] travel = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                travel[i * n + j] = Math.abs(i - j);
            }
        }
        long[] service = new long[n];
        int[] demand = new int[n];
        for (int i = 1; i < n; i++) {
            service[i] = 1;
            demand[i] = 1;
        }
        return new RoutingProblem(travel, ready, due, service, demand, capacity);
    }

    private static long[] filled(int n, long value) {
        long[] array = new long[n];
        Arrays.fill(array, value);
        return array;
    }

    private static List<int[]> singletons(int count) {
        List<int[]> routes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            routes.add(new int[] {i});
        }
        return routes;
    }

    @Test
    void shouldMergeRoutesIntoOneWhenWindowsAndCapacityAllow() {
        RoutingProblem problem = line(6, 10, filled(7, 0), filled(7, 1_000));

        List<int[]> routes = new RouteMinimiser(problem, 0L).minimise(singletons(6), deadlineIn(5_000));

        assertThat(routes).hasSize(1);
        assertValid(problem, routes, 6);
    }

    @Test
    void shouldKeepOneRoutePerCapacityWhenDemandForcesIt() {
        RoutingProblem problem = line(6, 2, filled(7, 0), filled(7, 1_000));

        List<int[]> routes = new RouteMinimiser(problem, 0L).minimise(singletons(6), deadlineIn(5_000));

        assertThat(routes).hasSize(3); // six customers of demand 1, capacity 2: the lower bound, reached
        assertValid(problem, routes, 6);
    }

    @Test
    void shouldNeverReturnRoutesThatBreakWindowsWhenNoRouteCanBeRemoved() {
        // Customers 1 and 2 must both start service at time 2: they cannot share a vehicle.
        long[] ready = {0, 2, 2};
        long[] due = {1_000, 2, 2};
        RoutingProblem problem = line(2, 10, ready, due);

        List<int[]> routes = new RouteMinimiser(problem, 0L).minimise(singletons(2), deadlineIn(200));

        assertThat(routes).hasSize(2);
        assertValid(problem, routes, 2);
    }

    @Test
    void shouldFindShortestRouteWhenStartedFromZigZagOrder() {
        RoutingProblem problem = line(5, 10, filled(6, 0), filled(6, 1_000));
        List<int[]> zigzag = List.of(new int[] {5, 1, 4, 2, 3});

        StringRemovalSearch search = new StringRemovalSearch(problem, 0L, 1.0, true);
        List<int[]> routes = search.optimise(zigzag, 1, deadlineIn(300));

        assertValid(problem, routes, 5);
        assertThat(routes).hasSize(1);
        assertThat(travel(problem, routes)).isEqualTo(10L); // out to x = 5 and back
    }

    @Test
    void shouldUseNoMoreRoutesThanAllowedWhenDistanceOnly() {
        RoutingProblem problem = line(6, 3, filled(7, 0), filled(7, 1_000));

        StringRemovalSearch search = new StringRemovalSearch(problem, 0L, 1.0, false);
        List<int[]> routes = search.optimise(List.of(new int[] {1, 6, 2}, new int[] {5, 3, 4}), 2, deadlineIn(300));

        assertValid(problem, routes, 6);
        assertThat(routes).hasSizeLessThanOrEqualTo(2);
        assertThat(travel(problem, routes)).isEqualTo(18L); // {1,2,3}: 6, {4,5,6}: 12
    }

    private static long deadlineIn(long millis) {
        return System.nanoTime() + millis * 1_000_000L;
    }

    private static long travel(RoutingProblem problem, List<int[]> routes) {
        long total = 0;
        for (int[] route : routes) {
            int at = 0;
            for (int c : route) {
                total += problem.t(at, c);
                at = c;
            }
            total += problem.t(at, 0);
        }
        return total;
    }

    /** Every customer once; capacity; service starts within windows (waiting allowed); back at the depot in time. */
    private static void assertValid(RoutingProblem problem, List<int[]> routes, int customers) {
        boolean[] seen = new boolean[customers + 1];
        for (int[] route : routes) {
            long time = problem.ready()[0];
            int at = 0;
            int load = 0;
            for (int c : route) {
                assertThat(seen[c]).as("customer %d once", c).isFalse();
                seen[c] = true;
                time = Math.max(problem.ready()[c], time + problem.t(at, c));
                assertThat(time).as("start at customer %d", c).isLessThanOrEqualTo(problem.due()[c]);
                time += problem.service()[c];
                load += problem.demand()[c];
                at = c;
            }
            assertThat(time + problem.t(at, 0)).isLessThanOrEqualTo(problem.due()[0]);
            assertThat(load).isLessThanOrEqualTo(problem.capacity());
        }
        for (int c = 1; c <= customers; c++) {
            assertThat(seen[c]).as("customer %d served", c).isTrue();
        }
    }
}
