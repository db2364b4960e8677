package org.carerota.api.rota;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.carerota.planner.CarePlanner;
import org.carerota.planner.SolveOptions;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.mapping.MappedProblem;
import org.carerota.planner.solver.GreedyInsertion;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;

/**
 * One solve, driven here rather than through {@link CarePlanner#solve} so that it can be stopped
 * early ({@link #stop()}) and reports each new best score. Blocking: run it on the solver pool,
 * never on an event-loop thread.
 */
final class RotaSolver {

    private final AtomicReference<@Nullable Solver<CareRota>> solver = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** Asks the running solve to finish now with the best rota so far. */
    void stop() {
        stopped.set(true);
        Solver<CareRota> running = solver.get();
        if (running != null) {
            running.terminateEarly();
        }
    }

    boolean stopRequested() {
        return stopped.get();
    }

    /**
     * Solves {@code problem}. A problem without visits is not solved (the planner snapshot throws
     * on an empty value range): the answer is an empty plan. A problem without carer shifts gives
     * every visit unassigned with the planner's reasons.
     */
    SolutionDocument solve(ProblemDocument problem, Duration timeLimit, Consumer<String> bestScore) {
        if (problem.visits().isEmpty()) {
            return empty(problem);
        }
        SolveOptions options = SolveOptions.of(timeLimit);
        MappedProblem mapped = CarePlanner.model(problem);
        CareRota rota = mapped.rota();
        boolean anyShift = rota.getShifts().stream().anyMatch(shift -> !shift.isVirtual());
        if (!anyShift || rota.getSlots().isEmpty()) {
            return CarePlanner.solve(problem, options);
        }
        GreedyInsertion.construct(rota);
        Solver<CareRota> built = SolverFactory.<CareRota>create(CarePlanner.solverConfig(options))
                .buildSolver();
        built.addEventListener(event -> {
            if (stopped.get()) {
                built.terminateEarly();
            }
            bestScore.accept(event.getNewBestScore().toString());
        });
        solver.set(built);
        if (stopped.get()) {
            return CarePlanner.document(mapped, rota);
        }
        CareRota solved = built.solve(rota);
        return CarePlanner.document(mapped, solved);
    }

    /**
     * Re-plans a prepared same-day problem sparingly ({@link CarePlanner#solve(ProblemDocument, SolveOptions,
     * Consumer, Set, Consumer)} with {@code toPlace}): the published plan's visits that lost their carer and the
     * visits {@code toPlace} are placed first, every other published assignment stays with its carer where there is
     * room, and local search runs only while some of the former are unassigned. Stoppable like {@link #solve}.
     */
    SolutionDocument replan(
            ProblemDocument problem, Duration timeLimit, Consumer<String> bestScore, Set<String> toPlace) {
        if (problem.visits().isEmpty()) {
            return empty(problem);
        }
        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.of(timeLimit), null, toPlace, built -> {
            built.addEventListener(event -> {
                if (stopped.get()) {
                    built.terminateEarly();
                }
                bestScore.accept(event.getNewBestScore().toString());
            });
            solver.set(built);
        });
        bestScore.accept(solution.score());
        return solution;
    }

    static SolutionDocument empty(ProblemDocument problem) {
        return new SolutionDocument(
                SolutionDocument.SCHEMA_VERSION,
                problem.name(),
                "0hard/0medium/0soft",
                true,
                List.of(),
                List.of(),
                List.of(),
                Map.of("visits", 0));
    }
}
