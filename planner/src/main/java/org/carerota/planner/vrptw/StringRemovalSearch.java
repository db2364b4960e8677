package org.carerota.planner.vrptw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Distance minimisation for VRPTW by ruin and recreate with simulated annealing, after Christiaens &amp; Vanden Berghe,
 * "Slack induction by string removals for vehicle routing problems" (Transportation Science 54, 2020), without the
 * split-string variant: each step removes a few strings of consecutive customers from routes near a random seed
 * customer, re-inserts the removed customers one by one at their cheapest feasible position (skipping each position
 * with a small "blink" probability), and accepts the result by simulated annealing with a temperature falling
 * exponentially over the time limit.
 *
 * <p>The fleet never grows beyond {@code maxRoutes}; a step that cannot place every customer is rejected. Under the
 * hierarchical objective a route emptied by a step is dropped and the smaller fleet is always preferred.
 */
final class StringRemovalSearch {

    /** Average number of customers removed per step (c̄ in the paper). */
    static final int AVERAGE_REMOVED = 10;

    /** Longest string removed (L<sup>max</sup>). */
    static final int MAX_STRING = 10;

    /** Probability of skipping a feasible position when re-inserting (β). */
    static final double BLINK = 0.01;

    /** Start and final temperature, in instance units of distance (the paper's 100 and 1). */
    static final double START_TEMPERATURE = Double.parseDouble(System.getProperty("carerota.vrptw.t0", "100"));

    static final double FINAL_TEMPERATURE = Double.parseDouble(System.getProperty("carerota.vrptw.tf", "1"));

    /**
     * Above this many customers (Gehring–Homberger sizes), a removed customer is first offered only the routes of its
     * {@link #INSERTION_NEIGHBOURS} nearest customers, and all routes only if none of those has room: inserting into
     * every route made each step linear in the number of customers (1,200 steps a second at 1,000 customers).
     */
    static final int RESTRICTED_ABOVE = 300;

    /** Nearest customers whose routes a removed customer is offered first on large instances. */
    static final int INSERTION_NEIGHBOURS = 40;

    /** Length of the neighbour lists from which strings are removed on large instances (all customers otherwise). */
    static final int RUIN_NEIGHBOURS = 200;

    /** Cost of one route under the hierarchical objective, in ticks: more than any distance. */
    static final long ROUTE_COST = 1L << 50;

    private final RoutingProblem problem;
    private final int n;
    private final int[][] adjacent;
    private final SplittableRandom random;
    private final double ticksPerUnit;
    private final boolean hierarchical;
    private final boolean restricted;
    private int[] routeStamp = new int[0];
    private int stamp;
    private long steps;
    long failed;
    long accepted;
    long removedTotal;

    StringRemovalSearch(RoutingProblem problem, long seed, double ticksPerUnit, boolean hierarchical) {
        this.problem = problem;
        this.n = problem.n();
        this.restricted = n - 1 > RESTRICTED_ABOVE;
        this.adjacent = RouteMinimiser.nearest(problem, restricted ? Math.min(n - 2, RUIN_NEIGHBOURS) : n - 2);
        this.random = new SplittableRandom(seed);
        this.ticksPerUnit = ticksPerUnit;
        this.hierarchical = hierarchical;
    }

    /** Steps made by the last {@link #optimise}. */
    long steps() {
        return steps;
    }

    /**
     * Improves a feasible solution until the deadline.
     *
     * @param initial customers per route, every customer once, each route feasible
     * @param maxRoutes the largest fleet allowed
     * @param deadline {@link System#nanoTime()} by which to stop
     * @return the best solution found
     */
    List<int[]> optimise(List<int[]> initial, int maxRoutes, long deadline) {
        List<Route> current = new ArrayList<>();
        for (int[] customers : initial) {
            if (customers.length > 0) {
                Route route = new Route(problem, customers.clone(), customers.length);
                if (!route.update()) {
                    throw new IllegalArgumentException("an initial route is infeasible");
                }
                current.add(route);
            }
        }
        long currentCost = cost(current);
        List<Route> best = current;
        long bestCost = currentCost;
        long cost0 = currentCost;
        int[] routeOf = new int[n];
        index(current, routeOf);
        long begun = System.nanoTime();
        long total = Math.max(1, deadline - begun);
        double start = START_TEMPERATURE * ticksPerUnit;
        double ratio = FINAL_TEMPERATURE / START_TEMPERATURE;
        boolean[] removedFlag = new boolean[n];
        steps = 0;
        while (n > 1) {
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            steps++;
            double temperature = start * Math.pow(ratio, (double) (now - begun) / total);
            List<Route> candidate = new ArrayList<>(current);
            int[] removed = ruin(candidate, routeOf, removedFlag);
            removedTotal += removed.length;
            int[] taken = removed.clone(); // recreate sorts removed
            int[] savedRoute = new int[taken.length];
            for (int k = 0; k < taken.length; k++) {
                savedRoute[k] = routeOf[taken[k]];
            }
            boolean recreated = recreate(candidate, removed, maxRoutes, routeOf, removedFlag);
            for (int k = 0; k < taken.length; k++) {
                removedFlag[taken[k]] = false;
                routeOf[taken[k]] = savedRoute[k]; // recreate moved them; index() below redoes it if accepted
            }
            if (!recreated) {
                failed++;
                continue;
            }
            candidate.removeIf(route -> route.size == 0);
            long candidateCost = cost(candidate);
            if (candidateCost < currentCost - temperature * Math.log(random.nextDouble())) {
                accepted++;
                current = candidate;
                currentCost = candidateCost;
                index(current, routeOf);
                if (currentCost < bestCost) {
                    best = current;
                    bestCost = currentCost;
                }
            }
        }
        if (Boolean.getBoolean("carerota.vrptw.debug")) {
            System.err.printf("string removal: cost %d -> best %d (current %d)%n", cost0, bestCost, currentCost);
        }
        List<int[]> result = new ArrayList<>();
        for (Route route : best) {
            result.add(Arrays.copyOf(route.customers, route.size));
        }
        return result;
    }

    private long cost(List<Route> routes) {
        long cost = hierarchical ? ROUTE_COST * routes.size() : 0;
        for (Route route : routes) {
            cost += route.travel;
        }
        return cost;
    }

    private static void index(List<Route> routes, int[] routeOf) {
        for (int r = 0; r < routes.size(); r++) {
            Route route = routes.get(r);
            for (int i = 0; i < route.size; i++) {
                routeOf[route.customers[i]] = r;
            }
        }
    }

    /** Removes strings near a random customer; the routes touched are replaced by copies in {@code routes}. */
    private int[] ruin(List<Route> routes, int[] routeOf, boolean[] removedFlag) {
        int customers = n - 1;
        double averageSize = (double) customers / Math.max(1, routes.size());
        double maxString = Math.min(MAX_STRING, averageSize);
        double maxStrings = 4.0 * AVERAGE_REMOVED / (1 + maxString) - 1;
        int strings = (int) (1 + random.nextDouble() * maxStrings);
        int seed = 1 + random.nextInt(customers);
        boolean[] ruined = new boolean[routes.size()];
        int[] removed = new int[customers];
        int count = 0;
        int done = 0;
        for (int k = -1; k < adjacent[seed].length && done < strings; k++) {
            int c = k < 0 ? seed : adjacent[seed][k];
            int r = routeOf[c];
            if (removedFlag[c] || ruined[r]) {
                continue;
            }
            Route route = routes.get(r);
            int position = route.indexOf(c);
            int longest = (int) Math.min(route.size, maxString);
            int length = (int) (1 + random.nextDouble() * longest);
            length = Math.max(1, Math.min(length, route.size));
            int from = Math.max(0, position - length + 1);
            int to = Math.min(position, route.size - length);
            int first = from + random.nextInt(to - from + 1);
            int[] kept = new int[route.size - length];
            int j = 0;
            for (int i = 0; i < route.size; i++) {
                if (i >= first && i < first + length) {
                    removed[count++] = route.customers[i];
                    removedFlag[route.customers[i]] = true;
                } else {
                    kept[j++] = route.customers[i];
                }
            }
            Route copy = new Route(problem, kept, kept.length);
            copy.update();
            routes.set(r, copy);
            ruined[r] = true;
            done++;
        }
        return Arrays.copyOf(removed, count);
    }

    /**
     * Re-inserts the removed customers; false if one of them fits nowhere. On large instances each customer is offered
     * the routes of its nearest customers first ({@code routeOf} is kept up to date for the customers re-inserted,
     * and {@code removedFlag} cleared for them; the caller restores both).
     */
    private boolean recreate(List<Route> routes, int[] removed, int maxRoutes, int[] routeOf, boolean[] removedFlag) {
        sort(removed);
        for (int c : removed) {
            int bestRoute = -1;
            int bestPosition = -1;
            long bestDelta = Long.MAX_VALUE;
            if (restricted) {
                if (routeStamp.length < routes.size()) {
                    routeStamp = new int[routes.size() * 2];
                }
                stamp++;
                int[] near = adjacent[c];
                for (int k = 0; k < near.length && k < INSERTION_NEIGHBOURS; k++) {
                    int neighbour = near[k];
                    if (removedFlag[neighbour]) {
                        continue;
                    }
                    int r = routeOf[neighbour];
                    if (r < 0 || r >= routes.size() || routeStamp[r] == stamp) {
                        continue;
                    }
                    routeStamp[r] = stamp;
                    long[] found = cheapest(routes.get(r), c, bestDelta);
                    if (found != null) {
                        bestDelta = found[0];
                        bestRoute = r;
                        bestPosition = (int) found[1];
                    }
                }
            }
            if (bestRoute < 0) {
                for (int r = 0; r < routes.size(); r++) {
                    long[] found = cheapest(routes.get(r), c, bestDelta);
                    if (found != null) {
                        bestDelta = found[0];
                        bestRoute = r;
                        bestPosition = (int) found[1];
                    }
                }
            }
            if (bestRoute < 0) {
                if (countNonEmpty(routes) >= maxRoutes) {
                    return false;
                }
                Route fresh = new Route(problem, new int[] {c}, 1);
                if (!fresh.update()) {
                    return false;
                }
                routes.add(fresh);
                routeOf[c] = routes.size() - 1;
                removedFlag[c] = false;
                continue;
            }
            Route route = routes.get(bestRoute);
            Route changed = route.copy();
            changed.insert(c, bestPosition);
            routes.set(bestRoute, changed);
            routeOf[c] = bestRoute;
            removedFlag[c] = false;
        }
        return true;
    }

    /** The cheapest feasible insertion of c into the route cheaper than {@code bound}: {delta, position}, or null. */
    private long @Nullable [] cheapest(Route route, int c, long bound) {
        if (route.load + problem.demand()[c] > problem.capacity()) {
            return null;
        }
        long bestDelta = bound;
        int bestPosition = -1;
        for (int i = 0; i <= route.size; i++) {
            int prev = i == 0 ? 0 : route.customers[i - 1];
            int next = i == route.size ? 0 : route.customers[i];
            long delta = problem.t(prev, c) + problem.t(c, next) - problem.t(prev, next);
            if (delta < bestDelta && random.nextDouble() >= BLINK && route.canInsert(c, i)) {
                bestDelta = delta;
                bestPosition = i;
            }
        }
        return bestPosition < 0 ? null : new long[] {bestDelta, bestPosition};
    }

    private static int countNonEmpty(List<Route> routes) {
        int count = 0;
        for (Route route : routes) {
            if (route.size > 0) {
                count++;
            }
        }
        return count;
    }

    /** Orders the removed customers: random, largest demand, farthest from or nearest to the depot (4:4:2:1). */
    private void sort(int[] removed) {
        int kind = random.nextInt(11);
        if (kind < 4) {
            for (int i = removed.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = removed[i];
                removed[i] = removed[j];
                removed[j] = swap;
            }
            return;
        }
        Integer[] boxed = Arrays.stream(removed).boxed().toArray(Integer[]::new);
        int[] demand = problem.demand();
        if (kind < 8) {
            Arrays.sort(boxed, (a, b) -> Integer.compare(demand[b], demand[a]));
        } else if (kind < 10) {
            Arrays.sort(boxed, (a, b) -> Long.compare(problem.t(0, b), problem.t(0, a)));
        } else {
            Arrays.sort(boxed, (a, b) -> Long.compare(problem.t(0, a), problem.t(0, b)));
        }
        for (int i = 0; i < removed.length; i++) {
            removed[i] = boxed[i];
        }
    }
}
