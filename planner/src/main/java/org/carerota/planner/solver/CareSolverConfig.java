package org.carerota.planner.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.VisitSlot;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import org.optaplanner.core.config.heuristic.selector.common.nearby.NearbySelectionConfig;
import org.optaplanner.core.config.heuristic.selector.list.DestinationSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.MoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.ListChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.ListSwapMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.SubListChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.SubListSwapMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.kopt.KOptListMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.value.ValueSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.phase.PhaseConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.optaplanner.core.impl.heuristic.selector.common.nearby.NearbyDistanceMeter;

/**
 * Builds the solver configuration in code: the Bavet constraint streams (set explicitly), a construction heuristic
 * that inserts every visit slot at its best place (the virtual unassigned shift included), then late acceptance local
 * search over list moves — change and swap of single slots (half of them restricted to nearby destinations, in space
 * and time), sub-list change and swap, and 2-opt style k-opt moves. Nearby selection is open source in OptaPlanner
 * 10.2.0 and is used.
 */
public final class CareSolverConfig {

    /** Options of one solve. */
    public record Options(
            @Nullable Duration spentLimit,
            @Nullable Duration unimprovedSpentLimit,
            @Nullable Long randomSeed,
            EnvironmentMode environmentMode,
            boolean planar,
            @Nullable Long stepCountLimit) {

        /** Reproducible, with a time limit. */
        public static Options of(Duration spentLimit) {
            return new Options(spentLimit, null, 0L, EnvironmentMode.REPRODUCIBLE, false, null);
        }

        public Options withEnvironmentMode(EnvironmentMode mode) {
            return new Options(spentLimit, unimprovedSpentLimit, randomSeed, mode, planar, stepCountLimit);
        }

        public Options withPlanar(boolean planarTravel) {
            return new Options(
                    spentLimit, unimprovedSpentLimit, randomSeed, environmentMode, planarTravel, stepCountLimit);
        }

        public Options withStepCountLimit(@Nullable Long steps) {
            return new Options(spentLimit, unimprovedSpentLimit, randomSeed, environmentMode, planar, steps);
        }

        public Options withUnimprovedSpentLimit(@Nullable Duration limit) {
            return new Options(spentLimit, limit, randomSeed, environmentMode, planar, stepCountLimit);
        }

        public Options withRandomSeed(@Nullable Long seed) {
            return new Options(spentLimit, unimprovedSpentLimit, seed, environmentMode, planar, stepCountLimit);
        }
    }

    private CareSolverConfig() {}

    /** The solver configuration for the given options. */
    public static SolverConfig create(Options options) {
        TerminationConfig termination = new TerminationConfig();
        if (options.spentLimit() != null) {
            termination.setSpentLimit(options.spentLimit());
        }
        if (options.unimprovedSpentLimit() != null) {
            termination.setUnimprovedSpentLimit(options.unimprovedSpentLimit());
        }
        TerminationConfig localSearchTermination = null;
        if (options.stepCountLimit() != null) {
            localSearchTermination = new TerminationConfig()
                    .withStepCountLimit(options.stepCountLimit().intValue());
        }
        if (options.spentLimit() == null
                && options.unimprovedSpentLimit() == null
                && options.stepCountLimit() == null) {
            termination.setSpentLimit(Duration.ofSeconds(30));
        }
        Class<? extends NearbyDistanceMeter<?, ?>> meter =
                options.planar() ? PlanarNearbyDistanceMeter.class : CareNearbyDistanceMeter.class;
        LocalSearchPhaseConfig localSearch = new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(moves(meter))
                .withAcceptorConfig(acceptor())
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
        if (localSearchTermination != null) {
            localSearch.setTerminationConfig(localSearchTermination);
        }
        List<PhaseConfig> phases = new ArrayList<>();
        phases.add(new ConstructionHeuristicPhaseConfig());
        phases.add(localSearch);
        SolverConfig config = new SolverConfig()
                .withSolutionClass(CareRota.class)
                .withEntityClasses(CarerShift.class, VisitSlot.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(CareConstraintProvider.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
                .withEnvironmentMode(options.environmentMode())
                .withTerminationConfig(termination)
                .withPhaseList(phases);
        if (options.randomSeed() != null) {
            config.setRandomSeed(options.randomSeed());
        }
        return config;
    }

    /**
     * Late acceptance by default (the measured winner, see planner/README.benchmarks.md). The system property
     * {@code carerota.acceptor} ({@code la:SIZE} or {@code sa:STARTING_TEMPERATURE}) selects another for
     * benchmarking only. (Great deluge is not in OptaPlanner 10.2's open-source configuration.)
     */
    static LocalSearchAcceptorConfig acceptor() {
        String choice = System.getProperty("carerota.acceptor", "la:" + LATE_ACCEPTANCE_SIZE);
        String[] parts = choice.split(":", 2);
        int size = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return switch (parts[0]) {
            case "sa" ->
                new LocalSearchAcceptorConfig()
                        .withSimulatedAnnealingStartingTemperature(
                                parts.length > 1 ? parts[1] : "0hard/0medium/2000000soft");
            default -> new LocalSearchAcceptorConfig().withLateAcceptanceSize(size > 0 ? size : LATE_ACCEPTANCE_SIZE);
        };
    }

    /** Late acceptance history length. */
    static final int LATE_ACCEPTANCE_SIZE = 400;

    private static MoveSelectorConfig<?> moves(Class<? extends NearbyDistanceMeter<?, ?>> meter) {
        List<MoveSelectorConfig> selectors = new ArrayList<>();
        selectors.add(new ListChangeMoveSelectorConfig()
                .withFilterClass(SameDayMoveFilter.class)
                .withValueSelectorConfig(new ValueSelectorConfig().withId("nearChange"))
                .withDestinationSelectorConfig(new DestinationSelectorConfig()
                        .withNearbySelectionConfig(new NearbySelectionConfig()
                                .withOriginValueSelectorConfig(
                                        new ValueSelectorConfig().withMimicSelectorRef("nearChange"))
                                .withNearbyDistanceMeterClass(meter)
                                .withParabolicDistributionSizeMaximum(40))));
        selectors.add(new ListSwapMoveSelectorConfig()
                .withFilterClass(SameDayMoveFilter.class)
                .withValueSelectorConfig(new ValueSelectorConfig().withId("nearSwap"))
                .withSecondaryValueSelectorConfig(new ValueSelectorConfig()
                        .withNearbySelectionConfig(new NearbySelectionConfig()
                                .withOriginValueSelectorConfig(
                                        new ValueSelectorConfig().withMimicSelectorRef("nearSwap"))
                                .withNearbyDistanceMeterClass(meter)
                                .withParabolicDistributionSizeMaximum(40))));
        selectors.add(new ListChangeMoveSelectorConfig().withFilterClass(SameDayMoveFilter.class));
        selectors.add(new ListSwapMoveSelectorConfig().withFilterClass(SameDayMoveFilter.class));
        selectors.add(new SubListChangeMoveSelectorConfig().withSelectReversingMoveToo(true));
        selectors.add(new SubListSwapMoveSelectorConfig().withSelectReversingMoveToo(true));
        selectors.add(new KOptListMoveSelectorConfig());
        return new UnionMoveSelectorConfig(selectors);
    }
}
