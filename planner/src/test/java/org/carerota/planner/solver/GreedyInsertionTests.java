package org.carerota.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.carerota.planner.CarePlanner;
import org.carerota.planner.SolveOptions;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.generator.RegionGenerator;
import org.carerota.planner.mapping.MappedProblem;
import org.carerota.planner.testdata.Rotas;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

class GreedyInsertionTests {

    private static HardMediumSoftLongScore score(CareRota rota) {
        SolutionManager<CareRota, HardMediumSoftLongScore> manager =
                SolutionManager.create(SolverFactory.create(CarePlanner.solverConfig(SolveOptions.seconds(1))));
        return manager.update(rota);
    }

    @Test
    void shouldPlaceEveryVisitSomewhereWithoutBreakingHardRulesWhenConstructing() {
        CareRota rota = Rotas.small();

        GreedyInsertion.construct(rota);

        assertThat(rota.getSlots()).allMatch(slot -> slot.getShift() != null);
        assertThat(score(rota).hardScore()).isZero();
        assertThat(rota.getSlots().stream().filter(VisitSlot::isAssigned)).isNotEmpty();
    }

    @Test
    void shouldStartFeasibleWhenConstructingGeneratedRegion() {
        MappedProblem mapped =
                CarePlanner.model(RegionGenerator.generate(RegionGenerator.Size.S, 3, LocalDate.of(2026, 3, 2), 1));

        GreedyInsertion.construct(mapped.rota());

        HardMediumSoftLongScore score = score(mapped.rota());
        assertThat(score.hardScore()).isZero();
        long assigned =
                mapped.rota().getSlots().stream().filter(VisitSlot::isAssigned).count();
        assertThat(assigned).isGreaterThan(mapped.rota().getSlots().size() / 2);
    }
}
