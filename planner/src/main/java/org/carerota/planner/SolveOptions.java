package org.carerota.planner;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long and how to solve.
 *
 * @param timeLimit the most time the solver may spend (construction included)
 * @param unimprovedTimeLimit stop earlier when the best score has not improved for this long, or {@code null}
 * @param seed the random seed; the same seed, problem and step count give the same rota ({@code null}: 0)
 * @param fullAssert run under FULL_ASSERT (very slow; tests only)
 */
public record SolveOptions(
        Duration timeLimit, @Nullable Duration unimprovedTimeLimit, @Nullable Long seed, boolean fullAssert) {

    public SolveOptions {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
        }
    }

    /** Solve for at most this long, seed 0. */
    public static SolveOptions of(Duration timeLimit) {
        return new SolveOptions(timeLimit, null, 0L, false);
    }

    /** Solve for at most this many seconds, seed 0. */
    public static SolveOptions seconds(double seconds) {
        return of(Duration.ofMillis(Math.max(1L, Math.round(seconds * 1000))));
    }

    public SolveOptions withSeed(@Nullable Long value) {
        return new SolveOptions(timeLimit, unimprovedTimeLimit, value, fullAssert);
    }

    public SolveOptions withUnimprovedTimeLimit(@Nullable Duration value) {
        return new SolveOptions(timeLimit, value, seed, fullAssert);
    }

    public SolveOptions withFullAssert(boolean value) {
        return new SolveOptions(timeLimit, unimprovedTimeLimit, seed, value);
    }
}
