package org.carerota.planner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemValidator;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.mapping.MappedProblem;
import org.carerota.planner.mapping.ProblemMapper;
import org.carerota.planner.mapping.SolutionMapper;
import org.carerota.planner.solver.CareSolverConfig;
import org.carerota.planner.solver.GreedyInsertion;
import org.carerota.planner.solver.ScheduleCalculator;
import org.carerota.planner.solver.justification.CareJustification;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatch;
import org.optaplanner.core.api.score.constraint.Indictment;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * The planner's entry point: problem document in, solution document out.
 *
 * <p>A problem is validated first ({@link ProblemValidator}); nothing is solved on bad data. A problem with no carer
 * shifts is not solved at all: every visit comes back unassigned with the reason.
 */
public final class CarePlanner {

    /** Local search gets at least this long even when mapping and construction used the whole limit. */
    public static final long MIN_SEARCH_MILLIS = 100L;

    /**
     * A sparing re-plan runs local search only if this much of its limit is left after mapping and construction (less
     * their time again for the polish): building the solver and its incremental score takes a few hundred
     * milliseconds on a loaded machine, and a shorter search has never placed more of the published plan's visits
     * than the construction did ("Re-planning" in planner/README.md).
     */
    public static final long MIN_SPARING_SEARCH_MILLIS = 500L;

    /**
     * A sparing re-plan keeps local search's result only if it moved at most this many published assignments (to
     * another carer, or off the rota) for each visit of the published plan it placed beyond the construction: making
     * room for a released visit may move one or two others, re-optimising the day may not.
     */
    public static final int MAX_MOVED_PER_PLACED = 2;

    /**
     * The share of the time limit kept for what follows local search: the final polish and the mapping of the rota
     * to a solution document with its explanation. The limit is the wall-clock time from the call to the returned
     * document.
     */
    public static final double FINISH_SHARE = 0.05;

    /** The least time kept for the final polish and the mapping. */
    public static final long MIN_FINISH_MILLIS = 100L;

    /** Rounds of the final polish: a round that places a visit can make room for another (pay per visit). */
    static final int POLISH_ROUNDS = 3;

    /** The most of the time limit kept for the final polish and the mapping, however slow the construction was. */
    public static final double MAX_FINISH_SHARE = 0.25;

    /**
     * The time kept after local search for the final polish and the mapping to a document: {@link #FINISH_SHARE} of
     * the limit (at least {@link #MIN_FINISH_MILLIS}), or, when more, four times the construction's time per visit
     * for each visit it left unassigned (the polish is a construction of those in up to three rounds, about 1.1
     * times; explaining them about twice: at L on a loaded machine 8-9 s), at most
     * {@link #MAX_FINISH_SHARE} of the limit.
     */
    public static long finishMillis(Duration limit, long constructionMillis, long unassigned, long slots) {
        long share = Math.max(MIN_FINISH_MILLIS, Math.round(limit.toMillis() * FINISH_SHARE));
        long estimate = slots <= 0 ? 0 : 4 * constructionMillis * unassigned / slots;
        return Math.min(Math.max(share, estimate), Math.max(share, Math.round(limit.toMillis() * MAX_FINISH_SHARE)));
    }

    /**
     * How long local search may run: the limit less the time already spent (twice that when re-planning sparingly,
     * whose final polish is a construction of fewer visits) and less {@code finishMillis}, at least
     * {@link #MIN_SEARCH_MILLIS}.
     */
    public static long searchMillis(Duration limit, long spentMillis, boolean sparing, long finishMillis) {
        return Math.max(MIN_SEARCH_MILLIS, limit.toMillis() - (sparing ? 2 * spentMillis : spentMillis) - finishMillis);
    }

    /**
     * When the final polish must stop trying visits: 60 % of {@code finishMillis} before the deadline (at L the
     * explanation of the unassigned visits took longer than the polish).
     */
    public static long polishDeadlineNanos(long startedNanos, Duration limit, long finishMillis) {
        return startedNanos + limit.toNanos() - finishMillis * 600_000L;
    }

    /**
     * The polish's deadline once local search has returned: {@code polishDeadline}, but at least 40 % of
     * {@code finishMillis} from now. Local search stops a step after its limit (at S on a loaded machine 150 ms, past
     * the polish's deadline, which then placed nothing and left 8 visits with a free carer); the polish is worth more.
     */
    public static long polishStart(long polishDeadline, long finishMillis) {
        return Math.max(polishDeadline, System.nanoTime() + finishMillis * 400_000L);
    }

    /** Slots on the unassigned shift. */
    public static long unassignedCount(CareRota rota) {
        return rota.getSlots().stream().filter(slot -> !slot.isAssigned()).count();
    }

    private CarePlanner() {}

    /** Solves a problem. */
    public static SolutionDocument solve(ProblemDocument problem, SolveOptions options) {
        return solve(problem, options, null);
    }

    /**
     * Solves a problem, telling the listener each new best rota (mapped to a document, without the per-constraint
     * totals) from the solver's thread.
     *
     * @throws org.carerota.planner.io.InvalidProblemException when the problem is invalid
     */
    public static SolutionDocument solve(
            ProblemDocument problem, SolveOptions options, @Nullable Consumer<SolutionDocument> bestSolutionListener) {
        return solve(problem, options, bestSolutionListener, null);
    }

    /**
     * Solves a problem. With {@code toPlace} not null and a published plan in the problem, re-plans with as few
     * changes as it can: the visits of the published plan that lost their carer and the visits {@code toPlace} (urgent
     * visits added by the re-plan) are placed first; visits unassigned in the published plan only where the
     * construction finds room without moving a published assignment; local search runs only while some of the former
     * are unassigned, and its result is kept only if it places more of them; the final polish tries only them.
     */
    public static SolutionDocument solve(
            ProblemDocument problem,
            SolveOptions options,
            @Nullable Consumer<SolutionDocument> bestSolutionListener,
            @Nullable Set<String> toPlace) {
        return solve(problem, options, bestSolutionListener, toPlace, null);
    }

    /**
     * As {@link #solve(ProblemDocument, SolveOptions, Consumer, Set)}, telling {@code solverListener} the local search
     * solver before it starts (from the calling thread), so that a caller can add its own event listener or stop it
     * early with {@link Solver#terminateEarly()}. Not called when no local search runs (nothing to place, or a re-plan
     * whose construction placed everything it must).
     */
    public static SolutionDocument solve(
            ProblemDocument problem,
            SolveOptions options,
            @Nullable Consumer<SolutionDocument> bestSolutionListener,
            @Nullable Set<String> toPlace,
            @Nullable Consumer<Solver<CareRota>> solverListener) {
        long started = System.nanoTime();
        ProblemValidator.requireValid(problem);
        MappedProblem mapped = ProblemMapper.map(problem);
        SolverFactory<CareRota> factory = SolverFactory.create(solverConfig(options));
        CareRota solved;
        long polishDeadline = GreedyInsertion.NO_DEADLINE;
        if (!hasRealShift(mapped.rota()) || mapped.rota().getSlots().isEmpty()) {
            solved = mapped.rota();
            CarerShift unassigned = solved.unassignedShift();
            List<VisitSlot> loose = solved.getSlots().stream()
                    .filter(slot -> slot.getShift() == null)
                    .toList();
            ProblemMapper.place(unassigned, loose);
            ScheduleCalculator.updateAll(solved.getShifts(), solved.getSlots(), ScheduleCalculator.DIRECT);
        } else {
            long constructionStarted = System.nanoTime();
            GreedyInsertion.construct(mapped.rota());
            long finishMillis = finishMillis(
                    options.timeLimit(),
                    (System.nanoTime() - constructionStarted) / 1_000_000L,
                    unassignedCount(mapped.rota()),
                    mapped.rota().getSlots().size());
            polishDeadline = polishDeadlineNanos(started, options.timeLimit(), finishMillis);
            boolean sparing = toPlace != null && isReplanning(mapped.rota());
            Set<String> urgent = toPlace == null ? Set.of() : toPlace;
            long releasedLeft = releasedUnassigned(mapped.rota(), urgent);
            // The time limit covers mapping and construction too: the solver gets what is left (at least
            // MIN_SEARCH_MILLIS), so that a 2-second re-plan takes about 2 seconds.
            long spentMillis = (System.nanoTime() - started) / 1_000_000L;
            // Re-planning sparingly, the final polish (a construction of fewer visits) is kept inside the limit too.
            long leftMillis = searchMillis(options.timeLimit(), spentMillis, sparing, finishMillis);
            if (sparing && (releasedLeft == 0 || leftMillis < MIN_SPARING_SEARCH_MILLIS)) {
                // Re-planning, and either the construction found a place for every visit of the published plan without
                // moving anything published (local search could only move published visits to cover others), or too
                // little time is left for local search to place more of them: the constructed plan is the answer.
                // The polish then retries only the published plan's visits still unassigned (those the construction's
                // repair took off included); with none, there is nothing for it to do.
                solved = mapped.rota();
                SolutionManager.create(factory).update(solved);
                return finish(mapped, solved, factory, urgent, releasedLeft > 0, polishDeadline);
            }
            Map<CarerShift, List<VisitSlot>> constructed = GreedyInsertion.snapshot(mapped.rota());
            Set<String> held = sparing ? heldPublished(constructed) : Set.of();
            SolveOptions remaining = new SolveOptions(
                    Duration.ofMillis(leftMillis), options.unimprovedTimeLimit(), options.seed(), options.fullAssert());
            Solver<CareRota> solver =
                    SolverFactory.<CareRota>create(solverConfig(remaining)).buildSolver();
            if (bestSolutionListener != null) {
                solver.addEventListener(event -> {
                    if (event.getNewBestScore().isSolutionInitialized()) {
                        bestSolutionListener.accept(SolutionMapper.map(mapped, event.getNewBestSolution(), null));
                    }
                });
            }
            if (solverListener != null) {
                solverListener.accept(solver);
            }
            solved = solver.solve(mapped.rota());
            polishDeadline = polishStart(polishDeadline, finishMillis);
            if (sparing
                    && !searchWorthItsChanges(
                            releasedLeft - releasedUnassigned(solved, urgent), movedPublished(held, solved))) {
                // Local search placed no more of the published plan's visits than the construction did, or moved more
                // published assignments than placing them needed: its other gains (covering visits unassigned in the
                // published plan, shorter travel) would change published assignments that need not change, so the
                // constructed plan is kept.
                solved = mapped.rota();
                GreedyInsertion.restore(solved, constructed);
                SolutionManager.create(factory).update(solved);
            }
        }
        return finish(mapped, solved, factory, toPlace, true, polishDeadline);
    }

    /** Scores an empty rota, or (polishes and) explains a solved one. */
    private static SolutionDocument finish(
            MappedProblem mapped,
            CareRota solved,
            SolverFactory<CareRota> factory,
            @Nullable Set<String> toPlace,
            boolean polish,
            long polishDeadlineNanos) {
        if (solved.getSlots().isEmpty()) {
            // Nothing to place (no visits in the horizon): OptaPlanner refuses an empty value range, and
            // an empty rota scores zero on every constraint.
            solved.setScore(HardMediumSoftLongScore.ZERO);
            return SolutionMapper.map(mapped, solved, null);
        }
        SolutionManager<CareRota, HardMediumSoftLongScore> manager = SolutionManager.create(factory);
        if (polish) {
            polish(solved, manager, toPlace, polishDeadlineNanos);
        }
        ScoreExplanation<CareRota, HardMediumSoftLongScore> explanation = manager.explain(solved);
        return SolutionMapper.map(mapped, solved, explanation);
    }

    /**
     * After local search, tries once more to place the unassigned visits where the rearranged rota now has room (when
     * re-planning sparingly, {@code toPlace} not null, only the published plan's visits and {@code toPlace}); kept only
     * if the score improves.
     */
    public static void polish(
            CareRota solved,
            SolutionManager<CareRota, HardMediumSoftLongScore> manager,
            @Nullable Set<String> toPlace) {
        polish(solved, manager, toPlace, GreedyInsertion.NO_DEADLINE);
    }

    /**
     * {@link #polish(CareRota, SolutionManager, Set)} that tries no more visits once {@link System#nanoTime()} passes
     * {@code deadlineNanos}, in up to {@link #POLISH_ROUNDS} rounds while a round places something.
     */
    public static void polish(
            CareRota solved,
            SolutionManager<CareRota, HardMediumSoftLongScore> manager,
            @Nullable Set<String> toPlace,
            long deadlineNanos) {
        if (solved.getSlots().stream().allMatch(VisitSlot::isAssigned) || solved.getScore() == null) {
            return;
        }
        HardMediumSoftLongScore before = solved.getScore();
        Map<CarerShift, List<VisitSlot>> lists = GreedyInsertion.snapshot(solved);
        if (toPlace != null && isReplanning(solved)) {
            // Re-planning: only the visits of the published plan that are now unassigned (released by an absence,
            // or dropped by local search) are tried again. Visits unassigned in the published plan were offered
            // every free place by the construction; trying them again here is what took a loaded machine's re-plan
            // over its limit, and each one placed is one more change to the published plan.
            GreedyInsertion.fillUnassigned(solved, slot -> mustPlace(slot, toPlace), deadlineNanos);
        } else {
            // A visit placed can make room for another (a carer paid per visit now earns the wage floor), and a
            // dependent visit taken off by the repair can fit again next to its prerequisite's new place.
            for (int round = 0; round < POLISH_ROUNDS; round++) {
                if (GreedyInsertion.fillUnassigned(solved, slot -> true, deadlineNanos) == 0
                        || System.nanoTime() - deadlineNanos > 0) {
                    break;
                }
            }
        }
        HardMediumSoftLongScore after = manager.update(solved);
        if (after.compareTo(before) < 0) {
            GreedyInsertion.restore(solved, lists);
            manager.update(solved);
        }
    }

    /** Whether the rota re-plans a published plan (some visit has a published carer). */
    public static boolean isReplanning(CareRota rota) {
        return rota.getSlots().stream()
                .anyMatch(slot -> !slot.getVisit().getPublishedCarers().isEmpty());
    }

    /**
     * How many carer places that re-planning must fill are unassigned: visits of the published plan (the absent carer's
     * released visits not yet placed, or published visits dropped) and the visits {@code toPlace}; 0 when not
     * re-planning.
     */
    public static long releasedUnassigned(CareRota rota, Set<String> toPlace) {
        if (!isReplanning(rota)) {
            return 0;
        }
        return rota.getSlots().stream()
                .filter(slot -> !slot.isAssigned() && mustPlace(slot, toPlace))
                .count();
    }

    /**
     * The published assignments held after construction: visit id and carer id of each slot on a shift of a carer the
     * visit was published to (per visit, so that the two places of a double-up changing hands is no change).
     */
    public static Set<String> heldPublished(Map<CarerShift, List<VisitSlot>> lists) {
        Set<String> held = new HashSet<>();
        lists.forEach((shift, slots) -> {
            if (shift.isVirtual()) {
                return;
            }
            for (VisitSlot slot : slots) {
                if (slot.getVisit().getPublishedCarers().contains(shift.getCarerId())) {
                    held.add(slot.getVisitId() + "@" + shift.getCarerId());
                }
            }
        });
        return held;
    }

    /** How many of the {@code held} published assignments the rota no longer has (moved or unassigned). */
    public static long movedPublished(Set<String> held, CareRota rota) {
        Set<String> now = new HashSet<>();
        for (VisitSlot slot : rota.getSlots()) {
            if (slot.isAssigned()) {
                now.add(slot.getVisitId() + "@" + slot.getCarerId());
            }
        }
        return held.stream().filter(assignment -> !now.contains(assignment)).count();
    }

    /**
     * Whether a sparing re-plan keeps local search's result: it placed {@code placedMore} more of the published plan's
     * visits than the construction, moving {@code moved} published assignments to do so.
     */
    public static boolean searchWorthItsChanges(long placedMore, long moved) {
        return placedMore > 0 && moved <= MAX_MOVED_PER_PLACED * placedMore;
    }

    private static boolean mustPlace(VisitSlot slot, Set<String> toPlace) {
        return !slot.getVisit().getPublishedCarers().isEmpty() || toPlace.contains(slot.getVisitId());
    }

    /** The solver configuration for these options (for a SolverManager in the api). */
    public static SolverConfig solverConfig(SolveOptions options) {
        return CareSolverConfig.create(new CareSolverConfig.Options(
                options.timeLimit(),
                options.unimprovedTimeLimit(),
                options.seed() == null ? 0L : options.seed(),
                options.fullAssert() ? EnvironmentMode.FULL_ASSERT : EnvironmentMode.REPRODUCIBLE,
                false,
                null));
    }

    /** The planning model of a problem (validated), for callers that drive the solver themselves. */
    public static MappedProblem model(ProblemDocument problem) {
        ProblemValidator.requireValid(problem);
        return ProblemMapper.map(problem);
    }

    /** Maps a solved planning model back to a document. */
    public static SolutionDocument document(MappedProblem mapped, CareRota solved) {
        SolutionManager<CareRota, HardMediumSoftLongScore> manager =
                SolutionManager.create(SolverFactory.create(solverConfig(SolveOptions.seconds(1))));
        return SolutionMapper.map(mapped, solved, manager.explain(solved));
    }

    /**
     * Explains a rota: the score of each constraint and, for each visit, the constraint matches it is involved in (in
     * words), plus the reasons for each unassigned visit.
     *
     * @param problem the problem the solution was made for
     * @param solution a solution of it (for example read back from JSON)
     */
    public static RotaExplanation explain(ProblemDocument problem, SolutionDocument solution) {
        MappedProblem mapped = ProblemMapper.map(problem);
        CareRota rota = mapped.rota();
        for (CarerShift shift : rota.getShifts()) {
            ProblemMapper.clear(shift);
        }
        Map<String, List<VisitSlot>> free = new LinkedHashMap<>();
        for (VisitSlot slot : rota.getSlots()) {
            slot.setShift(null);
            free.computeIfAbsent(slot.getVisitId(), key -> new ArrayList<>()).add(slot);
        }
        Map<String, List<CarerShift>> shifts = new LinkedHashMap<>();
        for (CarerShift shift : rota.getShifts()) {
            if (!shift.isVirtual()) {
                shifts.computeIfAbsent(shift.getCarerId() + "@" + shift.getDate(), key -> new ArrayList<>())
                        .add(shift);
            }
        }
        for (SolutionDocument.ShiftPlan plan : solution.shifts()) {
            List<CarerShift> candidates = shifts.getOrDefault(plan.carer() + "@" + plan.date(), List.of());
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException(
                        "solution shift of " + plan.carer() + " on " + plan.date() + " is not a shift of the problem");
            }
            // a split day has several shifts: they appear in the solution in the same order
            CarerShift shift = candidates.size() == 1 ? candidates.get(0) : candidates.remove(0);
            List<VisitSlot> list = new ArrayList<>();
            for (SolutionDocument.PlannedVisit visit : plan.visits()) {
                List<VisitSlot> left = free.get(visit.visit());
                if (left == null || left.isEmpty()) {
                    throw new IllegalArgumentException(
                            "solution visit " + visit.visit() + " is unknown or planned too often");
                }
                list.add(left.remove(0));
            }
            ProblemMapper.place(shift, list);
        }
        List<VisitSlot> rest = new ArrayList<>();
        free.values().forEach(rest::addAll);
        ProblemMapper.place(rota.unassignedShift(), rest);
        ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
        SolutionManager<CareRota, HardMediumSoftLongScore> manager =
                SolutionManager.create(SolverFactory.create(solverConfig(SolveOptions.seconds(1))));
        ScoreExplanation<CareRota, HardMediumSoftLongScore> explanation = manager.explain(rota);
        return RotaExplanation.of(mapped, rota, explanation);
    }

    private static boolean hasRealShift(CareRota rota) {
        return rota.getShifts().stream().anyMatch(shift -> !shift.isVirtual());
    }

    /**
     * A rota explained.
     *
     * @param score the score
     * @param constraints constraint name to its score total (only constraints with matches)
     * @param byVisit visit id to the descriptions of the constraint matches involving it
     * @param unassigned visit id to the reasons it is unassigned
     */
    public record RotaExplanation(
            String score,
            Map<String, String> constraints,
            Map<String, List<String>> byVisit,
            Map<String, List<String>> unassigned) {

        static RotaExplanation of(
                MappedProblem mapped, CareRota rota, ScoreExplanation<CareRota, HardMediumSoftLongScore> explanation) {
            Map<String, String> constraints = new LinkedHashMap<>();
            explanation.getConstraintMatchTotalMap().values().forEach(total -> {
                if (total.getConstraintMatchCount() > 0) {
                    constraints.put(total.getConstraintName(), total.getScore().toString());
                }
            });
            Map<String, List<String>> byVisit = new LinkedHashMap<>();
            for (Map.Entry<Object, Indictment<HardMediumSoftLongScore>> entry :
                    explanation.getIndictmentMap().entrySet()) {
                List<String> visitIds = new ArrayList<>();
                if (entry.getKey() instanceof VisitSlot slot) {
                    visitIds.add(slot.getVisitId());
                } else if (entry.getKey() instanceof CarerShift shift) {
                    shift.getSlots().forEach(slot -> visitIds.add(slot.getVisitId()));
                }
                for (ConstraintMatch<HardMediumSoftLongScore> match :
                        entry.getValue().getConstraintMatchSet()) {
                    String text =
                            match.getConstraintName() + " " + match.getScore() + describe(match.getJustification());
                    for (String visitId : visitIds) {
                        List<String> list = byVisit.computeIfAbsent(visitId, key -> new ArrayList<>());
                        if (!list.contains(text)) {
                            list.add(text);
                        }
                    }
                }
            }
            Map<String, List<String>> unassigned = new LinkedHashMap<>();
            org.carerota.planner.explain.UnassignedExplainer explainer =
                    new org.carerota.planner.explain.UnassignedExplainer(rota, mapped::time);
            for (VisitSlot slot : rota.getSlots()) {
                if (!slot.isAssigned()) {
                    unassigned.put(slot.getId(), explainer.reasons(slot));
                }
            }
            HardMediumSoftLongScore score = explanation.getScore();
            return new RotaExplanation(score.toString(), constraints, byVisit, unassigned);
        }

        private static String describe(@Nullable Object justification) {
            return justification instanceof CareJustification care ? ": " + care.description() : "";
        }
    }
}
