package org.carerota.planner.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.carerota.planner.benchmark.solomon.SolomonInstance;
import org.carerota.planner.benchmark.solomon.SolomonInstance.Customer;

/**
 * An independent checker of VRPTW routes on a Solomon instance, with the conventions of the best-known solutions:
 * Euclidean distance in double precision, travel time = distance, service time counts, hard time windows on the
 * start of service (waiting allowed), vehicle capacity, return to the depot by its due date, at most the fleet size.
 */
public final class VrptwChecker {

    /** Slack allowed on time windows (floating point). */
    public static final double EPSILON = 1e-6;

    /**
     * The result of a check.
     *
     * @param violations every rule broken, in words
     * @param vehicles the number of non-empty routes
     * @param distance the recomputed total distance
     */
    public record Report(List<String> violations, int vehicles, double distance) {
        public Report {
            violations = List.copyOf(violations);
        }

        public boolean feasible() {
            return violations.isEmpty();
        }
    }

    private VrptwChecker() {}

    /**
     * Checks routes given as customer numbers in visiting order (the depot, 0, may open and close a route; it is
     * ignored there).
     */
    public static Report check(SolomonInstance instance, List<List<Integer>> routes) {
        List<String> violations = new ArrayList<>();
        List<Customer> customers = instance.customers();
        Customer depot = instance.depot();
        int[] seen = new int[customers.size()];
        int vehicles = 0;
        double distance = 0;
        for (int r = 0; r < routes.size(); r++) {
            List<Integer> route = strip(routes.get(r));
            if (route.isEmpty()) {
                continue;
            }
            vehicles++;
            Customer at = depot;
            double time = depot.ready();
            int load = 0;
            for (int number : route) {
                if (number <= 0 || number >= customers.size()) {
                    violations.add(String.format(Locale.ROOT, "route %d: no customer %d", r + 1, number));
                    continue;
                }
                Customer next = customers.get(number);
                seen[number]++;
                double leg = SolomonInstance.distance(at, next);
                distance += leg;
                double start = Math.max(time + leg, next.ready());
                if (start > next.due() + EPSILON) {
                    violations.add(String.format(
                            Locale.ROOT,
                            "route %d: customer %d starts at %.2f, after its due date %.2f",
                            r + 1,
                            number,
                            start,
                            next.due()));
                }
                load += next.demand();
                time = start + next.service();
                at = next;
            }
            double back = SolomonInstance.distance(at, depot);
            distance += back;
            if (time + back > depot.due() + EPSILON) {
                violations.add(String.format(
                        Locale.ROOT,
                        "route %d: back at the depot at %.2f, after its due date %.2f",
                        r + 1,
                        time + back,
                        depot.due()));
            }
            if (load > instance.capacity()) {
                violations.add(String.format(
                        Locale.ROOT, "route %d: load %d is over the capacity %d", r + 1, load, instance.capacity()));
            }
        }
        for (int number = 1; number < customers.size(); number++) {
            if (seen[number] != 1) {
                violations.add(String.format(Locale.ROOT, "customer %d is served %d times", number, seen[number]));
            }
        }
        if (vehicles > instance.vehicles()) {
            violations.add(
                    String.format(Locale.ROOT, "%d vehicles used, the fleet has %d", vehicles, instance.vehicles()));
        }
        return new Report(violations, vehicles, distance);
    }

    private static List<Integer> strip(List<Integer> route) {
        int from = 0;
        int to = route.size();
        while (from < to && route.get(from) == 0) {
            from++;
        }
        while (to > from && route.get(to - 1) == 0) {
            to--;
        }
        return route.subList(from, to);
    }
}
