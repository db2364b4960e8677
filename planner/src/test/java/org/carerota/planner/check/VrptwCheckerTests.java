package org.carerota.planner.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.benchmark.solomon.SolomonInstance;
import org.carerota.planner.benchmark.solomon.SolomonParser;
import org.junit.jupiter.api.Test;

class VrptwCheckerTests {

    private static final SolomonInstance TINY = SolomonParser.parse(
            """
            TINY
            VEHICLE
            NUMBER CAPACITY
            2 10
            CUSTOMER
            0 0 0 0 0 100 0
            1 3 4 4 0 20 2
            2 6 8 4 0 30 2
            3 0 5 5 0 10 1
            """);

    @Test
    void shouldAcceptRoutesServingEveryCustomerOnceWithinWindowsAndCapacity() {
        VrptwChecker.Report report = VrptwChecker.check(TINY, List.of(List.of(1, 2), List.of(0, 3, 0)));

        assertThat(report.violations()).isEmpty();
        assertThat(report.vehicles()).isEqualTo(2);
        assertThat(report.distance()).isCloseTo(5 + 5 + 10 + 5 + 5, within(1e-9));
    }

    @Test
    void shouldReportMissingAndRepeatedCustomers() {
        VrptwChecker.Report report = VrptwChecker.check(TINY, List.of(List.of(1, 2, 1)));

        assertThat(report.violations()).contains("customer 1 is served 2 times", "customer 3 is served 0 times");
    }

    @Test
    void shouldReportCapacityWindowsAndFleetSize() {
        VrptwChecker.Report overloaded = VrptwChecker.check(TINY, List.of(List.of(3, 1, 2)));
        VrptwChecker.Report tooMany = VrptwChecker.check(TINY, List.of(List.of(1), List.of(2), List.of(3)));

        assertThat(overloaded.violations()).anySatisfy(v -> assertThat(v).contains("over the capacity 10"));
        assertThat(overloaded.violations()).noneSatisfy(v -> assertThat(v).contains("customer 3 starts"));
        assertThat(VrptwChecker.check(TINY, List.of(List.of(1, 3), List.of(2))).violations())
                .anySatisfy(v -> assertThat(v).startsWith("route 1: customer 3 starts at"));
        assertThat(tooMany.violations()).contains("3 vehicles used, the fleet has 2");
    }

    @Test
    void shouldAcceptOneCustomerPerRouteOnC101WithFleetLimitOnly() {
        SolomonInstance c101 = SolomonParser.parse(new java.io.InputStreamReader(
                VrptwCheckerTests.class.getResourceAsStream("/solomon/C101.txt"),
                java.nio.charset.StandardCharsets.US_ASCII));
        List<List<Integer>> routes = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            routes.add(List.of(i));
        }

        VrptwChecker.Report report = VrptwChecker.check(c101, routes);

        assertThat(report.violations()).containsExactly("100 vehicles used, the fleet has 25");
        assertThat(report.vehicles()).isEqualTo(100);
    }
}
