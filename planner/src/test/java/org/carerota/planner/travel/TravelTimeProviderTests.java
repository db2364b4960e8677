package org.carerota.planner.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TravelTimeProviderTests {

    // Norwich city centre and Wymondham: about 14.3 km apart as the crow flies.
    private static final double[] LATITUDES = {52.6309, 52.5700};
    private static final double[] LONGITUDES = {1.2974, 1.1160};

    @Test
    void shouldUseHaversineDistanceTimesDetourFactorWhenStraightLine() {
        StraightLineTravel travel = new StraightLineTravel(LATITUDES, LONGITUDES, 1.3, Map.of());
        double crowFlies = StraightLineTravel.haversineKm(LATITUDES[0], LONGITUDES[0], LATITUDES[1], LONGITUDES[1]);
        assertThat(crowFlies).isCloseTo(14.1, within(0.5));
        assertThat(travel.distance(0, 1)).isCloseTo(crowFlies * 1.3, within(1e-9));
    }

    @Test
    void shouldTravelAtModeSpeedWhenStraightLine() {
        StraightLineTravel travel = new StraightLineTravel(LATITUDES, LONGITUDES, 1.0, Map.of(TravelMode.CAR, 60.0));
        double km = travel.distance(0, 1);
        assertThat(travel.minutes(0, 1, TravelMode.CAR)).isCloseTo(km, within(1e-9));
        assertThat(travel.minutes(0, 1, TravelMode.WALK)).isCloseTo(km / 4.8 * 60, within(1e-9));
        assertThat(travel.minutes(0, 1, TravelMode.WALK)).isGreaterThan(travel.minutes(0, 1, TravelMode.BICYCLE));
    }

    @Test
    void shouldKeepDoublePrecisionWhenPlanar() {
        PlanarTravel travel = new PlanarTravel(new double[] {0, 3}, new double[] {0, 4}, 2.0);
        assertThat(travel.distance(0, 1)).isEqualTo(5.0);
        assertThat(travel.minutes(0, 1, TravelMode.CAR)).isEqualTo(2.5);
    }

    @Test
    void shouldRoundUpToWholeTicksWhenPrecomputingMatrix() {
        MatrixTravel given = new MatrixTravel(new double[][] {{0, 7.2}, {9, 0}}, new double[][] {{0, 3.5}, {4, 0}});
        TravelMatrix matrix = TravelMatrix.precompute(given, 1.0, Set.of(TravelMode.CAR));
        assertThat(matrix.ticks(0, 1, TravelMode.CAR)).isEqualTo(8);
        assertThat(matrix.ticks(1, 0, TravelMode.WALK)).isEqualTo(9);
        assertThat(matrix.distance(0, 1)).isCloseTo(3.5, within(1e-6));
        assertThat(matrix.ticks(0, 0, TravelMode.CAR)).isZero();
    }
}
