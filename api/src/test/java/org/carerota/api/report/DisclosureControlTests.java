package org.carerota.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the suppression rules, checked exhaustively for every threshold from 1 to 20 and
 * every count from 0 to 500 (and a spread of amounts and means).
 */
class DisclosureControlTests {

    static Stream<Integer> thresholds() {
        return IntStream.rangeClosed(1, 20).boxed();
    }

    private static final long MAX_COUNT = 500;

    @ParameterizedTest
    @MethodSource("thresholds")
    void shouldSuppressOrRoundCountWhenControlled(int threshold) {
        for (long n = 0; n <= MAX_COUNT; n++) {
            checkSuppressOrRoundCountWhenControlled(threshold, n);
        }
    }

    private static void checkSuppressOrRoundCountWhenControlled(int threshold, long n) {
        Count shown = DisclosureControl.controlled(threshold).count(n);
        if (n == 0) {
            assertThat(shown).isEqualTo(new Count(0L, false));
        } else if (n < threshold) {
            assertThat(shown.suppressed()).isTrue();
            assertThat(shown.value()).isNull();
        } else {
            assertThat(shown.suppressed()).isFalse();
            assertThat(shown.value()).isNotNull();
            assertThat(shown.value() % 5).isZero();
            assertThat(Math.abs(shown.value() - n)).isLessThanOrEqualTo(n < 3 ? 4 : 2);
            assertThat(shown.value()).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("thresholds")
    void shouldNeverDecreaseShownCountWhenTrueCountGrows(int threshold) {
        for (long n = 0; n <= MAX_COUNT; n++) {
            checkNeverDecreaseShownCountWhenTrueCountGrows(threshold, n);
        }
    }

    private static void checkNeverDecreaseShownCountWhenTrueCountGrows(int threshold, long n) {
        DisclosureControl control = DisclosureControl.controlled(threshold);
        Count smaller = control.count(n);
        Count larger = control.count(n + 1);
        if (!smaller.suppressed() && !larger.suppressed()) {
            assertThat(larger.value()).isGreaterThanOrEqualTo(smaller.value());
        }
    }

    @ParameterizedTest
    @MethodSource("thresholds")
    void shouldShowExactCountWhenUncontrolled(int threshold) {
        for (long n = 0; n <= MAX_COUNT; n++) {
            checkShowExactCountWhenUncontrolled(threshold, n);
        }
    }

    private static void checkShowExactCountWhenUncontrolled(int threshold, long n) {
        assertThat(DisclosureControl.none().count(n)).isEqualTo(new Count(n, false));
    }

    @ParameterizedTest
    @MethodSource("thresholds")
    void shouldShowMeanOnlyWhenEnoughBehindItWhenControlled(int threshold) {
        for (long n = 0; n <= MAX_COUNT; n++) {
            checkShowMeanOnlyWhenEnoughBehindItWhenControlled(threshold, n);
        }
    }

    private static void checkShowMeanOnlyWhenEnoughBehindItWhenControlled(int threshold, long n) {
        Amount mean = DisclosureControl.controlled(threshold).mean(n * 1.5, Math.max(1, n), n);
        if (n == 0) {
            assertThat(mean).isEqualTo(Amount.NONE);
        } else if (n < threshold) {
            assertThat(mean).isEqualTo(Amount.SUPPRESSED);
        } else {
            assertThat(mean.suppressed()).isFalse();
            assertThat(mean.value()).isEqualTo(1.5);
        }
    }

    @ParameterizedTest
    @MethodSource("thresholds")
    void shouldHideAmountWhenFewPeopleBehindItWhenControlled(int threshold) {
        for (long n = 0; n <= MAX_COUNT; n++) {
            checkHideAmountWhenFewPeopleBehindItWhenControlled(threshold, n);
        }
    }

    private static void checkHideAmountWhenFewPeopleBehindItWhenControlled(int threshold, long n) {
        Amount hours = DisclosureControl.controlled(threshold).amount(n * 2.26 + 0.5, n);
        if (n == 0) {
            assertThat(hours).isEqualTo(new Amount(0.0, false));
        } else if (n < threshold) {
            assertThat(hours).isEqualTo(Amount.SUPPRESSED);
        } else {
            assertThat(hours.suppressed()).isFalse();
            assertThat(hours.value()).isEqualTo((double) Math.round(n * 2.26 + 0.5));
        }
    }

    @Test
    void shouldSuppressOneToSevenAndRoundTheRestWhenDefaultThreshold() {
        DisclosureControl control = DisclosureControl.controlled(
                new ReportProperties(8, 92, Duration.ofSeconds(30), 7).suppressionThreshold());
        for (long n = 1; n <= 7; n++) {
            assertThat(control.count(n)).isEqualTo(Count.SUPPRESSED);
        }
        assertThat(control.count(8).value()).isEqualTo(10L);
        assertThat(control.count(12).value()).isEqualTo(10L);
        assertThat(control.count(13).value()).isEqualTo(15L);
        assertThat(control.count(0).value()).isZero();
        assertThat(control.mean(14, 7, 7)).isEqualTo(Amount.SUPPRESSED);
        assertThat(control.mean(16, 8, 8).value()).isEqualTo(2.0);
    }

    @Test
    void shouldShowSuppressedCellsAsConfidentialWhenWrittenToCsv() {
        assertThat(Count.SUPPRESSED.csv()).isEqualTo("[c]");
        assertThat(Amount.SUPPRESSED.csv()).isEqualTo("[c]");
        assertThat(Amount.NONE.csv()).isEmpty();
        assertThat(new Amount(12.5, false).csv()).isEqualTo("12.5");
    }
}
