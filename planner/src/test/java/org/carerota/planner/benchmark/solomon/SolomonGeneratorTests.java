package org.carerota.planner.benchmark.solomon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.carerota.planner.check.VrptwChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SolomonGeneratorTests {

    @ParameterizedTest
    @EnumSource(SolomonGenerator.Kind.class)
    void shouldWriteAnInstanceTheParserReadsBackWhenGenerating(SolomonGenerator.Kind kind) {
        SolomonInstance generated = SolomonGenerator.generate(kind, 200, 1, 7);

        SolomonInstance read = SolomonParser.parse(SolomonGenerator.format(generated));

        assertThat(read.name()).isEqualTo(kind.name() + "_2_1");
        assertThat(read.vehicles()).isEqualTo(50);
        assertThat(read.capacity()).isEqualTo(kind.capacity());
        assertThat(read.visits()).hasSize(200);
        assertThat(read.customers()).isEqualTo(generated.customers());
    }

    @ParameterizedTest
    @EnumSource(SolomonGenerator.Kind.class)
    void shouldLetAVehicleServeEveryCustomerAloneWhenGenerating(SolomonGenerator.Kind kind) {
        for (int instance = 1; instance <= 10; instance++) {
            SolomonInstance generated = SolomonGenerator.generate(kind, 400, instance, 3);
            for (SolomonInstance.Customer customer : generated.visits()) {
                assertThat(customer.ready()).isLessThanOrEqualTo(customer.due());
                assertThat(customer.demand()).isBetween(1, generated.capacity());
                double arrival = Math.max(customer.ready(), SolomonInstance.distance(generated.depot(), customer));
                assertThat(arrival).isLessThanOrEqualTo(customer.due());
                assertThat(arrival + customer.service() + SolomonInstance.distance(customer, generated.depot()))
                        .isLessThanOrEqualTo(generated.depot().due());
            }
            // depot → customer → depot for every customer: the checker finds no broken window or return, only a
            // fleet larger than the instance's
            List<List<Integer>> alone = generated.visits().stream()
                    .map(customer -> List.of(customer.number()))
                    .toList();
            assertThat(VrptwChecker.check(generated, alone).violations())
                    .singleElement()
                    .asString()
                    .endsWith("vehicles used, the fleet has " + generated.vehicles());
        }
    }

    @Test
    void shouldGiveTheSameTextWhenArgumentsAreTheSame() {
        String first = SolomonGenerator.format(SolomonGenerator.generate(SolomonGenerator.Kind.RC1, 1000, 5, 11));
        String second = SolomonGenerator.format(SolomonGenerator.generate(SolomonGenerator.Kind.RC1, 1000, 5, 11));
        String otherSeed = SolomonGenerator.format(SolomonGenerator.generate(SolomonGenerator.Kind.RC1, 1000, 5, 12));

        assertThat(first).isEqualTo(second).isNotEqualTo(otherSeed).doesNotContain("\r");
        assertThat(SolomonParser.parse(first).visits()).hasSize(1000);
    }

    @Test
    void shouldNarrowFewerWindowsOnLaterVariantsWhenGenerating() {
        long tight = windowed(SolomonGenerator.generate(SolomonGenerator.Kind.R1, 400, 1, 1));
        long quarter = windowed(SolomonGenerator.generate(SolomonGenerator.Kind.R1, 400, 4, 1));

        assertThat(tight).isEqualTo(400);
        assertThat(quarter).isBetween(60L, 140L);
    }

    @Test
    void shouldRejectSizesAndVariantsOutOfRange() {
        assertThatThrownBy(() -> SolomonGenerator.generate(SolomonGenerator.Kind.C2, 5, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customers must be 10 to 10000, found 5");
        assertThatThrownBy(() -> SolomonGenerator.generate(SolomonGenerator.Kind.C2, 200, 11, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instance must be 1 to 10, found 11");
    }

    private static long windowed(SolomonInstance instance) {
        return instance.visits().stream()
                .filter(customer -> customer.ready() > 0
                        || customer.due()
                                < Math.floor(instance.depot().due()
                                        - SolomonInstance.distance(instance.depot(), customer)
                                        - customer.service()))
                .count();
    }
}
