package org.carerota.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.carerota.planner.CarePlanner;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.ShiftSummary;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.io.ProblemJson;
import org.carerota.planner.mapping.MappedProblem;
import org.carerota.planner.testdata.Rotas;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;

class CareSolverFullAssertTests {

    @Test
    void shouldKeepShadowVariablesAndScoreConsistentWhenSolvingUnderFullAssert() {
        CareSolverConfig.Options options = CareSolverConfig.Options.of(Duration.ofSeconds(5))
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withStepCountLimit(300L);
        Solver<CareRota> solver =
                SolverFactory.<CareRota>create(CareSolverConfig.create(options)).buildSolver();
        List<String> staleness = new ArrayList<>();
        solver.addEventListener(event -> staleness.addAll(stalenessOf(event.getNewBestSolution())));

        CareRota solved = solver.solve(Rotas.small());

        assertThat(staleness).isEmpty();
        assertThat(solved.getScore()).isNotNull();
        assertThat(solved.getScore().hardScore()).isZero();
        for (VisitSlot slot : solved.getSlots()) {
            for (VisitSlot partner : slot.getTogether()) {
                assertThat(solved.getSlots()).containsOnlyOnce(partner);
                if (partner != slot && slot.isAssigned() && partner.isAssigned()) {
                    assertThat(partner.getStart()).isEqualTo(slot.getStart());
                    assertThat(partner.getCarer()).isNotSameAs(slot.getCarer());
                }
            }
        }
    }

    @Test
    void shouldStayConsistentWhenSolvingMultiDayPublishedProblemFromGreedyStartUnderFullAssert() throws Exception {
        MappedProblem mapped;
        try (InputStream in = Objects.requireNonNull(
                getClass().getResourceAsStream("/org/carerota/planner/smoke/two-days-matrix.json"))) {
            mapped = CarePlanner.model(ProblemJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        GreedyInsertion.construct(mapped.rota());
        CareSolverConfig.Options options = CareSolverConfig.Options.of(Duration.ofSeconds(5))
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withStepCountLimit(200L);
        Solver<CareRota> solver =
                SolverFactory.<CareRota>create(CareSolverConfig.create(options)).buildSolver();
        List<String> staleness = new ArrayList<>();
        solver.addEventListener(event -> staleness.addAll(stalenessOf(event.getNewBestSolution())));

        CareRota solved = solver.solve(mapped.rota());

        assertThat(staleness).isEmpty();
        assertThat(solved.getScore().hardScore()).isZero();
    }

    /** What a from-scratch recomputation would change: nothing, if the listener kept everything up to date. */
    private static List<String> stalenessOf(CareRota rota) {
        List<String> changes = new ArrayList<>();
        ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), new ScheduleCalculator.Writer() {
            @Override
            public void slot(
                    VisitSlot slot,
                    @Nullable Long arrival,
                    @Nullable Long start,
                    @Nullable Long end,
                    @Nullable Long travelBefore,
                    boolean unsynchronised) {
                changes.add(slot + " start " + slot.getStart() + " -> " + start);
            }

            @Override
            public void summary(CarerShift shift, ShiftSummary summary) {
                changes.add(shift + " summary");
            }
        });
        return changes;
    }
}
