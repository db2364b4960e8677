package org.carerota.planner.benchmark.solomon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SolomonParserTests {

    static Path instance(String name) {
        try {
            return Path.of(
                    SolomonParserTests.class.getResource("/solomon/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReadFleetDepotAndCustomersWhenFileIsC101WithCrlf() {
        SolomonInstance c101 = SolomonParser.parse(instance("C101.txt"));

        assertThat(c101.name()).isEqualTo("C101");
        assertThat(c101.vehicles()).isEqualTo(25);
        assertThat(c101.capacity()).isEqualTo(200);
        assertThat(c101.customers()).hasSize(101);
        assertThat(c101.depot()).isEqualTo(new SolomonInstance.Customer(0, 40, 50, 0, 0, 1236, 0));
        assertThat(c101.visits().get(0)).isEqualTo(new SolomonInstance.Customer(1, 45, 68, 10, 912, 967, 90));
        assertThat(c101.visits()).hasSize(100);
        assertThat(c101.customers().get(100).number()).isEqualTo(100);
    }

    @Test
    void shouldReadOtherFamiliesWhenFilesAreR201AndRc105() {
        SolomonInstance r201 = SolomonParser.parse(instance("R201.txt"));
        SolomonInstance rc105 = SolomonParser.parse(instance("RC105.txt"));

        assertThat(r201.name()).isEqualTo("R201");
        assertThat(r201.capacity()).isEqualTo(1000);
        assertThat(r201.customers()).hasSize(101);
        assertThat(rc105.name()).isEqualTo("RC105");
        assertThat(rc105.customers()).hasSize(101);
        assertThat(rc105.customers()).allSatisfy(c -> assertThat(c.due()).isGreaterThanOrEqualTo(c.ready()));
    }

    @Test
    void shouldComputeEuclideanDistanceInDoublePrecision() {
        SolomonInstance c101 = SolomonParser.parse(instance("C101.txt"));

        assertThat(SolomonInstance.distance(c101.depot(), c101.visits().get(0))).isEqualTo(Math.sqrt(25 + 18 * 18));
    }

    @Test
    void shouldReadLfLinesWithoutBlankLinesOrColumnHeader() {
        SolomonInstance tiny = SolomonParser.parse(
                "TINY\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\n0 0 0 0 0 100 0\n1 3 4 5 0 50 10.5\n");

        assertThat(tiny.vehicles()).isEqualTo(2);
        assertThat(tiny.visits()).containsExactly(new SolomonInstance.Customer(1, 3, 4, 5, 0, 50, 10.5));
    }

    @Test
    void shouldNameTheLineWhenACustomerRowIsShort() {
        assertThatThrownBy(
                        () -> SolomonParser.parse(
                                "BAD\r\n\r\nVEHICLE\r\nNUMBER CAPACITY\r\n2 10\r\n\r\nCUSTOMER\r\nCUST NO.\r\n0 0 0 0 0 100 0\r\n1 3 4\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 10")
                .hasMessageContaining("expected 7 numbers");
    }

    @Test
    void shouldRejectMissingVehicleSectionAndNonNumbers() {
        assertThatThrownBy(() -> SolomonParser.parse("X\nCUSTOMER\n0 0 0 0 0 1 0\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected VEHICLE");
        assertThatThrownBy(() -> SolomonParser.parse("X\nVEHICLE\nNUMBER CAPACITY\nten 10\nCUSTOMER\n0 0 0 0 0 1 0\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 4: vehicle NUMBER must be a number, found 'ten'");
        assertThatThrownBy(() -> SolomonParser.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty file");
    }

    @Test
    void shouldRejectCustomersOutOfOrder() {
        assertThatThrownBy(() -> SolomonParser.parse(
                        "X\nVEHICLE\nNUMBER CAPACITY\n1 10\nCUSTOMER\n0 0 0 0 0 9 0\n2 1 1 1 0 9 0\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected customer number 1, found 2");
    }
}
