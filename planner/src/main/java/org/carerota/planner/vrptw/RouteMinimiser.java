package org.carerota.planner.vrptw;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Vehicle minimisation for VRPTW by route elimination with an ejection pool, after Nagata &amp; Bräysy, "A powerful
 * route minimization heuristic for the vehicle routing problem with time windows" (Operations Research Letters 37,
 * 2009), simplified: no squeeze step, ejections of at most {@value #MAX_EJECTED} customers per insertion.
 *
 * <p>One route is removed and its customers go into the ejection pool. A customer taken from the pool is inserted
 * where it fits with the least extra travel; if it fits nowhere, its failure counter grows and it is inserted where
 * ejecting up to {@value #MAX_EJECTED} customers from one route makes room, choosing the ejection with the smallest sum
 * of failure counters (customers that are hard to place stay in); the ejected customers join the pool. After each
 * ejection the routes are perturbed by random feasible relocations and exchanges between near customers, so that the
 * search does not cycle. When the pool is empty the fleet is one smaller and the next route is removed; when the time
 * runs out first, the last complete solution is returned.
 *
 * <p>Works on plain arrays in the solver's ticks (travel rounded up per leg, as {@code TravelMatrix} does), so that
 * every route it returns is feasible for the solver and for {@code VrptwChecker}. Time windows are on the start of
 * service; waiting is allowed. Travel satisfies the triangle inequality, so removing a customer never breaks a route.
 */
final class RouteMinimiser {

    static final int MAX_EJECTED = 2;

    private static final boolean DEBUG = Boolean.getBoolean("carerota.vrptw.debug");

    /** Random feasible moves tried after each ejection. */
    static final int PERTURBATION_MOVES = 100;

    /** Near customers considered by the perturbation. */
    static final int NEIGHBOURS = 20;

    private final RoutingProblem problem;
    private final int n; // points, 0 = depot
    private final int[] demand;
    private final int capacity;
    private final int[][] near;
    private final SplittableRandom random;

    private List<Route> routes = new ArrayList<>();
    private final int[] routeOf;
    private final int[] penalty;

    /** Stops early if the fleet reaches this many routes (a lower bound: total demand over capacity). */
    private final int lowerBound;

    RouteMinimiser(RoutingProblem problem, long seed) {
        this.problem = problem;
        this.n = problem.n();
        this.demand = problem.demand();
        this.capacity = problem.capacity();
        this.random = new SplittableRandom(seed);
        this.routeOf = new int[n];
        this.penalty = new int[n];
        Arrays.fill(penalty, 1);
        long total = 0;
        for (int i = 1; i < n; i++) {
            total += demand[i];
        }
        this.lowerBound = capacity <= 0 ? 1 : (int) Math.max(1, (total + capacity - 1) / capacity);
        this.near = nearest(problem, NEIGHBOURS);
    }

    /**
     * Removes routes from a feasible solution until the deadline.
     *
     * @param initial customer indices (1 … n-1) per route, every customer once, each route feasible
     * @param deadline {@link System#nanoTime()} by which to stop
     * @return the feasible solution with the fewest routes found (the initial one if none could be removed)
     */
    List<int[]> minimise(List<int[]> initial, long deadline) {
        routes = new ArrayList<>();
        for (int[] customers : initial) {
            if (customers.length > 0) {
                Route route = new Route(problem, customers.clone(), customers.length);
                if (!route.update()) {
                    throw new IllegalArgumentException("an initial route is infeasible");
                }
                routes.add(route);
            }
        }
        reindex();
        long begun = System.nanoTime();
        List<int[]> best = snapshot();
        while (routes.size() > lowerBound && System.nanoTime() < deadline) {
            if (!removeOneRoute(deadline)) {
                break;
            }
            best = snapshot();
            if (DEBUG) {
                System.err.printf(
                        "route minimiser: %d routes at %d ms%n",
                        routes.size(), (System.nanoTime() - begun) / 1_000_000L);
            }
        }
        return best;
    }

    private boolean removeOneRoute(long deadline) {
        List<Route> saved = copy(routes);
        Route removed = routes.remove(random.nextInt(routes.size()));
        reindex();
        Deque<Integer> pool = new ArrayDeque<>();
        for (int i = 0; i < removed.size; i++) {
            pool.push(removed.customers[i]);
        }
        int iterations = 0;
        while (!pool.isEmpty()) {
            if ((++iterations & 15) == 0 && System.nanoTime() >= deadline) {
                routes = saved;
                reindex();
                return false;
            }
            int v = pool.pop();
            if (insertCheapest(v)) {
                continue;
            }
            penalty[v]++;
            if (!insertWithEjection(v, pool)) {
                pool.addLast(v);
            }
            perturb();
        }
        return true;
    }

    // ---------------------------------------------------------------- insertion

    private boolean insertCheapest(int v) {
        Route bestRoute = null;
        int bestPosition = -1;
        long bestCost = Long.MAX_VALUE;
        for (Route route : routes) {
            if (route.load + demand[v] > capacity) {
                continue;
            }
            for (int i = 0; i <= route.size; i++) {
                if (route.canInsert(v, i)) {
                    int prev = i == 0 ? 0 : route.customers[i - 1];
                    int next = i == route.size ? 0 : route.customers[i];
                    long cost = t(prev, v) + t(v, next) - t(prev, next);
                    if (cost < bestCost) {
                        bestCost = cost;
                        bestRoute = route;
                        bestPosition = i;
                    }
                }
            }
        }
        if (bestRoute == null) {
            return false;
        }
        bestRoute.insert(v, bestPosition);
        routeOf[v] = routes.indexOf(bestRoute);
        return true;
    }

    /** Inserts v after ejecting the cheapest (by failure counters) set of at most two customers of one route. */
    private boolean insertWithEjection(int v, Deque<Integer> pool) {
        int bestSum = Integer.MAX_VALUE;
        Route bestRoute = null;
        int bestPosition = -1;
        int bestFirst = -1;
        int bestSecond = -1;
        int start = random.nextInt(routes.size());
        for (int r = 0; r < routes.size(); r++) {
            Route route = routes.get((start + r) % routes.size());
            int size = route.size;
            for (int a = 0; a < size; a++) {
                int pa = penalty[route.customers[a]];
                if (pa >= bestSum) {
                    continue;
                }
                // one ejected
                if (route.load - demand[route.customers[a]] + demand[v] <= capacity) {
                    for (int i = 0; i <= size; i++) {
                        if (route.feasibleWith(v, i, a, -1)) {
                            bestSum = pa;
                            bestRoute = route;
                            bestPosition = i;
                            bestFirst = a;
                            bestSecond = -1;
                            break;
                        }
                    }
                }
                for (int b = a + 1; b < size; b++) {
                    int sum = pa + penalty[route.customers[b]];
                    if (sum >= bestSum) {
                        continue;
                    }
                    if (route.load - demand[route.customers[a]] - demand[route.customers[b]] + demand[v] > capacity) {
                        continue;
                    }
                    for (int i = 0; i <= size; i++) {
                        if (route.feasibleWith(v, i, a, b)) {
                            bestSum = sum;
                            bestRoute = route;
                            bestPosition = i;
                            bestFirst = a;
                            bestSecond = b;
                            break;
                        }
                    }
                }
            }
        }
        if (bestRoute == null) {
            return false;
        }
        int[] ejected = bestSecond < 0
                ? new int[] {bestRoute.customers[bestFirst]}
                : new int[] {bestRoute.customers[bestFirst], bestRoute.customers[bestSecond]};
        bestRoute.replace(v, bestPosition, bestFirst, bestSecond);
        for (int customer : ejected) {
            pool.push(customer);
        }
        reindex();
        return true;
    }

    // ---------------------------------------------------------------- perturbation

    /** Random feasible relocations and exchanges between near customers. */
    private void perturb() {
        for (int m = 0; m < PERTURBATION_MOVES; m++) {
            int u = 1 + random.nextInt(n - 1);
            if (near[u].length == 0) {
                return;
            }
            int w = near[u][random.nextInt(near[u].length)];
            Route ru = routeOfCustomer(u);
            Route rw = routeOfCustomer(w);
            if (ru == null || rw == null) {
                continue; // one of them is in the pool
            }
            int iu = ru.indexOf(u);
            int iw = rw.indexOf(w);
            if (random.nextBoolean()) {
                // relocate u next to w (after w or before w)
                int at = random.nextBoolean() ? iw + 1 : iw;
                int[] target;
                if (ru == rw) {
                    target = ru.relocated(iu, at);
                    if (target != null && ru.feasible(target, ru.size)) {
                        ru.set(target, ru.size);
                    }
                } else if (rw.load + demand[u] <= capacity && rw.canInsert(u, at) && ru.size > 1) {
                    rw.insert(u, at);
                    ru.remove(iu);
                }
            } else if (ru != rw) {
                // exchange u and w
                if (ru.load - demand[u] + demand[w] > capacity || rw.load - demand[w] + demand[u] > capacity) {
                    continue;
                }
                int[] a = ru.customers.clone();
                int[] b = rw.customers.clone();
                a[iu] = w;
                b[iw] = u;
                if (ru.feasible(a, ru.size) && rw.feasible(b, rw.size)) {
                    ru.set(a, ru.size);
                    rw.set(b, rw.size);
                }
            }
        }
        reindex();
    }

    private Route routeOfCustomer(int customer) {
        int r = routeOf[customer];
        if (r < 0 || r >= routes.size()) {
            return null;
        }
        Route route = routes.get(r);
        return route.indexOf(customer) >= 0 ? route : null;
    }

    private void reindex() {
        Arrays.fill(routeOf, -1);
        for (int r = 0; r < routes.size(); r++) {
            Route route = routes.get(r);
            for (int i = 0; i < route.size; i++) {
                routeOf[route.customers[i]] = r;
            }
        }
    }

    private List<int[]> snapshot() {
        List<int[]> result = new ArrayList<>();
        for (Route route : routes) {
            result.add(Arrays.copyOf(route.customers, route.size));
        }
        return result;
    }

    private List<Route> copy(List<Route> from) {
        List<Route> result = new ArrayList<>();
        for (Route route : from) {
            Route copy = new Route(problem, Arrays.copyOf(route.customers, route.customers.length), route.size);
            copy.update();
            result.add(copy);
        }
        return result;
    }

    private long t(int from, int to) {
        return problem.t(from, to);
    }

    /**
     * For each customer, the {@code count} nearest other customers, nearest first (ties by number). Sorts packed
     * primitive keys rather than boxed indices: at 1,000 customers the full lists took most of a second.
     */
    static int[][] nearest(RoutingProblem problem, int count) {
        int n = problem.n();
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n));
        long mask = (1L << bits) - 1;
        int[][] near = new int[n][];
        near[0] = new int[0];
        long[] keys = new long[Math.max(0, n - 2)];
        for (int i = 1; i < n; i++) {
            int k = 0;
            for (int j = 1; j < n; j++) {
                if (j != i) {
                    keys[k++] = (problem.t(i, j) << bits) | j;
                }
            }
            Arrays.sort(keys, 0, k);
            int length = Math.max(0, Math.min(count, k));
            near[i] = new int[length];
            for (int m = 0; m < length; m++) {
                near[i][m] = (int) (keys[m] & mask);
            }
        }
        return near;
    }
}
