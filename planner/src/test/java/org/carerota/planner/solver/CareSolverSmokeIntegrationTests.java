package org.carerota.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import org.carerota.planner.CarePlanner;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemJson;
import org.carerota.planner.mapping.MappedProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;

/**
 * Solves two fixed datasets with a bounded, reproducible termination (a step count, seed 0) and checks the hard score
 * is 0 and the best score is the pinned one, as OptaPlanner's VehicleRoutingSmokeTest does. A changed pinned score
 * means the model or the search changed: check why, then pin the new score.
 */
class CareSolverSmokeIntegrationTests {

    @ParameterizedTest
    @CsvSource({"norwich-day, 0hard/0medium/-12766soft", "two-days-matrix, 0hard/0medium/-14340soft"})
    void shouldReachPinnedBestScoreWhenSolvingFixedDataset(String dataset, String pinnedScore) {
        MappedProblem mapped = CarePlanner.model(problem(dataset));
        CareSolverConfig.Options options =
                CareSolverConfig.Options.of(Duration.ofSeconds(60)).withStepCountLimit(1_500L);
        Solver<CareRota> solver =
                SolverFactory.<CareRota>create(CareSolverConfig.create(options)).buildSolver();

        GreedyInsertion.construct(mapped.rota());
        CareRota solved = solver.solve(mapped.rota());

        HardMediumSoftLongScore score = solved.getScore();
        assertThat(score).isNotNull();
        assertThat(score.hardScore()).isZero();
        assertThat(score).hasToString(pinnedScore);
    }

    private static ProblemDocument problem(String name) {
        try (InputStream in = Objects.requireNonNull(CareSolverSmokeIntegrationTests.class.getResourceAsStream(
                "/org/carerota/planner/smoke/" + name + ".json"))) {
            return ProblemJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
