package org.carerota.planner.vrptw;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.carerota.planner.benchmark.solomon.SolomonInstance;
import org.carerota.planner.benchmark.solomon.SolomonInstance.Customer;
import org.junit.jupiter.api.Test;

class VrptwSolverTests {

    /** A tiny instance: depot at the origin, six customers, capacity 10, two tight windows. */
    private static SolomonInstance tiny() {
        List<Customer> customers = new ArrayList<>();
        customers.add(new Customer(0, 0, 0, 0, 0, 200, 0));
        customers.add(new Customer(1, 10, 0, 4, 0, 200, 5));
        customers.add(new Customer(2, 20, 0, 4, 0, 200, 5));
        customers.add(new Customer(3, 0, 10, 4, 0, 200, 5));
        customers.add(new Customer(4, 0, 20, 4, 50, 60, 5));
        customers.add(new Customer(5, -10, 0, 4, 0, 200, 5));
        customers.add(new Customer(6, -20, 0, 4, 0, 30, 5));
        return new SolomonInstance("TINY", 4, 10, customers);
    }

    @Test
    void shouldServeEveryCustomerOnceWithinWindowsAndCapacityWhenHierarchical() {
        SolomonInstance instance = tiny();
        VrptwSolver.Result result =
                VrptwSolver.solve(instance, Duration.ofSeconds(2), VrptwSolver.Objective.HIERARCHICAL);
        assertThat(result.feasible()).isTrue();
        assertFeasible(instance, result);
        assertThat(result.vehicles()).isEqualTo(3); // 24 demand, capacity 10
    }

    @Test
    void shouldReportDistanceOfRoutesInDoublePrecisionWhenDistanceOnly() {
        SolomonInstance instance = tiny();
        VrptwSolver.Result result = VrptwSolver.solve(instance, Duration.ofSeconds(2), VrptwSolver.Objective.DISTANCE);
        assertFeasible(instance, result);
        assertThat(result.vehicles()).isLessThanOrEqualTo(instance.vehicles());
        assertThat(result.distance())
                .isCloseTo(distance(instance, result.routes()), org.assertj.core.api.Assertions.within(1e-9));
    }

    /** An independent check: every customer once, capacity, windows on service start, depot return. */
    static void assertFeasible(SolomonInstance instance, VrptwSolver.Result result) {
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> route : result.routes()) {
            double time = instance.depot().ready();
            int load = 0;
            Customer at = instance.depot();
            for (int number : route) {
                Customer next = instance.customers().get(number);
                assertThat(seen.add(number)).as("customer %d once", number).isTrue();
                time = Math.max(time + SolomonInstance.distance(at, next), next.ready());
                assertThat(time).as("start at customer %d", number).isLessThanOrEqualTo(next.due() + 1e-9);
                time += next.service();
                load += next.demand();
                at = next;
            }
            time += SolomonInstance.distance(at, instance.depot());
            assertThat(time).isLessThanOrEqualTo(instance.depot().due() + 1e-9);
            assertThat(load).isLessThanOrEqualTo(instance.capacity());
        }
        assertThat(seen).hasSize(instance.visits().size());
    }

    static double distance(SolomonInstance instance, List<List<Integer>> routes) {
        double total = 0;
        for (List<Integer> route : routes) {
            Customer at = instance.depot();
            for (int number : route) {
                Customer next = instance.customers().get(number);
                total += SolomonInstance.distance(at, next);
                at = next;
            }
            total += SolomonInstance.distance(at, instance.depot());
        }
        return total;
    }
}
