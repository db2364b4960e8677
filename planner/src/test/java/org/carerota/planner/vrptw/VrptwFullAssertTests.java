package org.carerota.planner.vrptw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.carerota.planner.benchmark.solomon.SolomonInstance;
import org.carerota.planner.benchmark.solomon.SolomonParser;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.solver.CareSolverConfig;
import org.carerota.planner.solver.GreedyInsertion;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;

/**
 * The routing core under FULL_ASSERT: routes without double-ups or dependencies take the schedule calculator's fast
 * path, whose incremental shadow variables must agree with a full recomputation after every move.
 */
class VrptwFullAssertTests {

    @Test
    void shouldKeepShadowVariablesConsistentWhenSolvingRoutesUnderFullAssert() throws Exception {
        SolomonInstance c101 = SolomonParser.parse(
                Path.of(Objects.requireNonNull(VrptwFullAssertTests.class.getResource("/solomon/C101.txt"))
                        .toURI()));
        CareSolverConfig.Options options = CareSolverConfig.Options.of(Duration.ofSeconds(20))
                .withPlanar(true)
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withStepCountLimit(100L);
        Solver<CareRota> solver =
                SolverFactory.<CareRota>create(CareSolverConfig.create(options)).buildSolver();

        CareRota rota = VrptwSolver.toRota(c101, VrptwSolver.Objective.HIERARCHICAL);
        GreedyInsertion.construct(rota);

        CareRota solved = solver.solve(rota);

        assertThat(solved.getScore()).isNotNull();
        assertThat(solved.getScore().isSolutionInitialized()).isTrue();
    }
}
