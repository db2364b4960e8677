package org.carerota.planner.vrptw;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carerota.planner.benchmark.solomon.SolomonInstance;
import org.carerota.planner.check.VrptwChecker;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.Priority;
import org.carerota.planner.domain.ServiceUser;
import org.carerota.planner.domain.ShiftRules;
import org.carerota.planner.domain.TimeWindow;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.mapping.ProblemMapper;
import org.carerota.planner.solver.CareConstraintProvider;
import org.carerota.planner.solver.CareConstraintWeights;
import org.carerota.planner.solver.CareSolverConfig;
import org.carerota.planner.solver.GreedyInsertion;
import org.carerota.planner.solver.ScheduleCalculator;
import org.carerota.planner.travel.PlanarTravel;
import org.carerota.planner.travel.TravelMatrix;
import org.carerota.planner.travel.TravelMode;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.impl.solver.DefaultSolver;

/**
 * Solves Solomon / Gehring–Homberger VRPTW instances with the care rota's routing core: each vehicle is a carer shift
 * from and back to the depot within its window, each customer a time-critical visit (hard window on the start of
 * service, waiting allowed) with a service duration and a demand on the shift's capacity.
 *
 * <p>Time and distance are the instance's Euclidean distance in double precision, held by the solver in ticks of
 * 10<sup>-6</sup> units, rounded up per leg so that a route feasible in ticks is feasible with exact distances; the
 * reported distance is recomputed in double precision from the routes.
 */
public final class VrptwSolver {

    /** Solver ticks per instance unit of time and distance. */
    public static final long TICKS_PER_UNIT = 1_000_000L;

    /** Per-vehicle soft cost under {@link Objective#HIERARCHICAL}: more than any possible distance saving. */
    static final long VEHICLE_COST = 10_000_000_000_000L;

    /** Up to this many customers the first routes come from OptaPlanner's construction heuristic. */
    static final int CONSTRUCTION_HEURISTIC_UP_TO = 150;

    /** Above {@link #CONSTRUCTION_HEURISTIC_UP_TO} customers, more greedy insertion orders are tried only before this share of the limit. */
    static final double CONSTRUCTION_SHARE = 0.05;

    /** Under {@link Objective#HIERARCHICAL}, the share of the time limit given to route elimination. */
    static final double ROUTE_MINIMISATION_SHARE =
            Double.parseDouble(System.getProperty("carerota.vrptw.routeShare", "0.35"));

    /** The share of the time limit after which OptaPlanner's local search takes over from the array heuristics. */
    static final double ARRAY_SEARCH_SHARE =
            Double.parseDouble(System.getProperty("carerota.vrptw.arrayShare", "0.92"));

    /** What to minimise. */
    public enum Objective {
        /** Fewest vehicles first, then total distance. */
        HIERARCHICAL,
        /** Total distance only; the fleet size is a hard limit. */
        DISTANCE
    }

    /**
     * The best routes found.
     *
     * @param instance the instance name
     * @param vehicles routes used
     * @param distance total Euclidean distance in double precision
     * @param routes customer numbers in visiting order, one list per used vehicle
     * @param feasible every customer served, no window or capacity broken
     * @param score the solver's score
     */
    public record Result(
            String instance,
            int vehicles,
            double distance,
            List<List<Integer>> routes,
            boolean feasible,
            String score) {

        /** Every customer served once, and the routes pass the independent checker. */
        boolean feasible(SolomonInstance instance) {
            int served = routes.stream().mapToInt(List::size).sum();
            return served == instance.visits().size()
                    && VrptwChecker.check(instance, routes).feasible();
        }
    }

    /**
     * A solve with its measurements, for the benchmark command.
     *
     * @param result the best routes found
     * @param firstFeasibleMillis milliseconds from the start until the first routes serving every customer within
     *     the windows, capacity and fleet were known, or -1 if none was found
     * @param scoreCalculations score calculations made by the local search phases
     * @param searchMillis milliseconds spent in the local search phases
     */
    public record Run(Result result, long firstFeasibleMillis, long scoreCalculations, long searchMillis) {

        /** Score calculations per second of local search (0 when it did not run). */
        public long scoreCalculationSpeed() {
            return searchMillis <= 0 ? 0 : scoreCalculations * 1000L / searchMillis;
        }
    }

    private VrptwSolver() {}

    /** Solves with seed 0. */
    public static Result solve(SolomonInstance instance, Duration limit, Objective objective) {
        return solve(instance, limit, objective, 0L);
    }

    /** Solves within the time limit. */
    public static Result solve(SolomonInstance instance, Duration limit, Objective objective, long seed) {
        return run(instance, limit, objective, seed).result();
    }

    /** Solves within the time limit and measures the solve. */
    public static Run run(SolomonInstance instance, Duration limit, Objective objective, long seed) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        long firstFeasible = -1;
        CareSolverConfig.Options options = CareSolverConfig.Options.of(limit)
                .withRandomSeed(seed)
                .withPlanar(true)
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE);
        // Several cheap first solutions, each followed by route elimination; the best one goes to local search.
        // Above CONSTRUCTION_HEURISTIC_UP_TO customers (Gehring–Homberger sizes) the greedy route elimination is left
        // to
        // RouteMinimiser, which does it far better, and further insertion orders are tried only while construction has
        // used less than CONSTRUCTION_SHARE of the limit: at 1,000 customers the four orders with elimination took
        // 6.7 s of a 10 s limit on a loaded machine.
        boolean large = instance.visits().size() > CONSTRUCTION_HEURISTIC_UP_TO;
        CareRota rota = null;
        long toRotaNanos = 0;
        for (GreedyInsertion.Order order : GreedyInsertion.Order.values()) {
            if (rota != null && large && System.nanoTime() - started > limit.toNanos() * CONSTRUCTION_SHARE) {
                break;
            }
            long building = System.nanoTime();
            CareRota candidate = toRota(instance, objective);
            toRotaNanos = Math.max(toRotaNanos, System.nanoTime() - building);
            GreedyInsertion.construct(candidate, order);
            rota = better(rota, large ? candidate : eliminate(candidate, instance, objective));
            if (firstFeasible < 0
                    && unassignedCount(rota) == 0
                    && result(instance, rota).feasible(instance)) {
                firstFeasible = (System.nanoTime() - started) / 1_000_000L;
            }
        }
        if (instance.visits().size() <= CONSTRUCTION_HEURISTIC_UP_TO) {
            // OptaPlanner's construction heuristic is often better, but grows with the square of the size.
            SolverConfig construction = CareSolverConfig.create(options);
            construction.setPhaseConfigList(List.of(new ConstructionHeuristicPhaseConfig()));
            CareRota candidate =
                    SolverFactory.<CareRota>create(construction).buildSolver().solve(toRota(instance, objective));
            rota = better(rota, eliminate(candidate, instance, objective));
        }
        debug(started, "construction");
        Search search = new Search(instance, seed, started);
        search.firstFeasible = firstFeasible;
        search.seen(rota);
        long total = deadline - started;
        boolean minimised = false;
        if (unassignedCount(rota) == 0) {
            // Array-based heuristics first: route elimination (hierarchical only), then ruin and recreate for
            // distance; OptaPlanner's local search polishes the result in the time left.
            // The shares are of the time left after construction, which can take seconds on a loaded machine.
            long now = System.nanoTime();
            long left = Math.max(0, deadline - now);
            long minimiseUntil =
                    objective == Objective.HIERARCHICAL ? now + (long) (left * ROUTE_MINIMISATION_SHARE) : now;
            // Large instances: the arrays get the whole time. OptaPlanner's polish would spend most of its share
            // building the score of a thousand customers (it overran a 10 s limit by 2.5 s at 1,000 customers).
            // They stop early enough to turn their routes back into a rota (a new travel matrix and schedule): twice
            // as long as building the first rota took, at least 2 % of the limit (a loaded machine varies).
            long arraysUntil = large
                    ? deadline - Math.max(2 * toRotaNanos, limit.toNanos() / 50)
                    : now + (long) (left * ARRAY_SEARCH_SHARE);
            rota = arraySearch(instance, objective, rota, seed, minimiseUntil, arraysUntil);
            minimised = true;
            debug(started, "array heuristics");
        }
        // Local search in rounds; between rounds, try again to empty routes greedily (the search often makes room)
        // and, if that fails, once try a fleet one smaller with the smallest route's customers left to the search.
        CareRota solved = rota;
        int rounds = objective == Objective.HIERARCHICAL && !minimised ? 3 : 1;
        boolean reductionTried = false;
        for (int round = 0; round < rounds; round++) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if ((leftMillis < 200 && round > 0) || (minimised && large)) {
                // Large instances the array heuristics have solved: the time left is the reserve for the result.
                break;
            }
            long roundMillis = Math.max(200L, leftMillis / (rounds - round));
            solved = search.run(solved, roundMillis, false);
            if (round + 1 < rounds) {
                int emptied = GreedyInsertion.eliminateShifts(solved, instance.vehicles());
                if (emptied == 0 && !minimised && !reductionTried && unassignedCount(solved) == 0) {
                    reductionTried = true;
                    CareRota attempt = reduced(instance, objective, solved);
                    if (attempt != null && unassignedCount(attempt) > 0) {
                        attempt = search.run(attempt, Math.max(200L, total / 5 / 1_000_000L), true);
                    }
                    if (attempt != null
                            && unassignedCount(attempt) == 0
                            && (attempt.getScore() == null || attempt.getScore().hardScore() == 0)) {
                        solved = attempt;
                    }
                }
            }
        }
        debug(started, "local search");
        Result result = result(instance, solved);
        debug(started, "result");
        return new Run(result, search.firstFeasible, search.scoreCalculations, search.searchMillis);
    }

    private static void debug(long started, String phase) {
        if (Boolean.getBoolean("carerota.vrptw.debug")) {
            System.err.printf("%s done at %d ms%n", phase, (System.nanoTime() - started) / 1_000_000L);
        }
    }

    /**
     * The routes of {@code rota} after {@link RouteMinimiser} has removed as many routes as it could by
     * {@code minimiseUntil} and {@link StringRemovalSearch} has shortened them until {@code searchUntil}, as a rota on
     * the full fleet (the vehicles freed stay empty).
     */
    private static CareRota arraySearch(
            SolomonInstance instance,
            Objective objective,
            CareRota rota,
            long seed,
            long minimiseUntil,
            long searchUntil) {
        List<SolomonInstance.Customer> customers = instance.customers();
        int n = customers.size();
        TravelMatrix matrix = rota.getTravel();
        long[] travel = new long[n * n];
        long[] ready = new long[n];
        long[] due = new long[n];
        long[] service = new long[n];
        int[] demand = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                travel[i * n + j] = i == j ? 0 : matrix.ticks(i, j, TravelMode.CAR);
            }
            SolomonInstance.Customer customer = customers.get(i);
            ready[i] = ticks(customer.ready());
            if (i == 0) {
                due[i] = ticks(customer.due());
            } else {
                due[i] = Math.max(ready[i], ticksDown(customer.due()));
                service[i] = Math.max(1L, ticks(customer.service()));
                demand[i] = customer.demand();
            }
        }
        List<int[]> routes = new ArrayList<>();
        for (CarerShift shift : rota.getShifts()) {
            if (!shift.isVirtual() && !shift.getSlots().isEmpty()) {
                routes.add(shift.getSlots().stream()
                        .mapToInt(slot -> slot.getVisit().getLocation().index())
                        .toArray());
            }
        }
        RoutingProblem problem = new RoutingProblem(travel, ready, due, service, demand, instance.capacity());
        boolean hierarchical = objective == Objective.HIERARCHICAL;
        List<int[]> minimised =
                hierarchical ? new RouteMinimiser(problem, seed).minimise(routes, minimiseUntil) : routes;
        StringRemovalSearch search = new StringRemovalSearch(problem, seed, TICKS_PER_UNIT, hierarchical);
        minimised = search.optimise(minimised, hierarchical ? minimised.size() : instance.vehicles(), searchUntil);
        if (Boolean.getBoolean("carerota.vrptw.debug")) {
            System.err.printf(
                    "string removal: %d steps, %d failed, %d accepted, %d removed, %d routes%n",
                    search.steps(), search.failed, search.accepted, search.removedTotal, minimised.size());
        }
        CareRota result = toRota(instance, objective);
        VisitSlot[] byIndex = new VisitSlot[n];
        result.getSlots().forEach(slot -> byIndex[slot.getVisit().getLocation().index()] = slot);
        List<CarerShift> vehicles =
                result.getShifts().stream().filter(shift -> !shift.isVirtual()).toList();
        for (int r = 0; r < minimised.size(); r++) {
            ProblemMapper.place(
                    vehicles.get(r),
                    Arrays.stream(minimised.get(r)).mapToObj(i -> byIndex[i]).toList());
        }
        ScheduleCalculator.updateAll(result.getShifts(), result.getSlots(), ScheduleCalculator.DIRECT);
        return result;
    }

    /** Runs local search phases and keeps the measurements. */
    private static final class Search {
        private final SolomonInstance instance;
        private final long seed;
        private final long started;
        private int round;
        long firstFeasible = -1;
        long scoreCalculations;
        long searchMillis;

        Search(SolomonInstance instance, long seed, long started) {
            this.instance = instance;
            this.seed = seed;
            this.started = started;
        }

        CareRota run(CareRota rota, long millis, boolean untilAllAssigned) {
            SolverConfig config = CareSolverConfig.create(CareSolverConfig.Options.of(Duration.ofMillis(millis))
                    .withRandomSeed(seed + round++)
                    .withPlanar(true)
                    .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE));
            if (untilAllAssigned) {
                // Stop as soon as every customer is served (hard and medium 0, any distance).
                config.getTerminationConfig()
                        .setBestScoreLimit(HardMediumSoftLongScore.of(0, 0, Long.MIN_VALUE / 2)
                                .toString());
            }
            Solver<CareRota> solver = SolverFactory.<CareRota>create(config).buildSolver();
            CareRota solved = solver.solve(rota);
            if (solver instanceof DefaultSolver<CareRota> measured) {
                scoreCalculations += measured.getSolverScope().getScoreCalculationCount();
                searchMillis += measured.getTimeMillisSpent();
            }
            seen(solved);
            return solved;
        }

        void seen(CareRota rota) {
            if (firstFeasible < 0
                    && unassignedCount(rota) == 0
                    && result(instance, rota).feasible(instance)) {
                firstFeasible = (System.nanoTime() - started) / 1_000_000L;
            }
        }
    }

    /**
     * The routes of {@code rota} on a fleet one smaller: the smallest route is dropped and its customers re-inserted
     * greedily where they fit; the others wait on the unassigned shift. {@code null} if one route is left.
     */
    private static @Nullable CareRota reduced(SolomonInstance instance, Objective objective, CareRota rota) {
        List<CarerShift> used = rota.getShifts().stream()
                .filter(shift -> !shift.isVirtual() && !shift.getSlots().isEmpty())
                .sorted(Comparator.comparingInt(
                                (CarerShift shift) -> shift.getSlots().size())
                        .thenComparingLong(shift -> shift.getSummary().travel()))
                .toList();
        if (used.size() <= 1) {
            return null;
        }
        CareRota smaller = toRota(instance, objective, used.size() - 1);
        Map<String, VisitSlot> slots = new HashMap<>();
        smaller.getSlots().forEach(slot -> slots.put(slot.getVisitId(), slot));
        List<CarerShift> vehicles =
                smaller.getShifts().stream().filter(shift -> !shift.isVirtual()).toList();
        for (int r = 1; r < used.size(); r++) {
            ProblemMapper.place(
                    vehicles.get(r - 1),
                    used.get(r).getSlots().stream()
                            .map(slot -> slots.get(slot.getVisitId()))
                            .toList());
        }
        ProblemMapper.place(
                smaller.unassignedShift(),
                used.get(0).getSlots().stream()
                        .map(slot -> slots.get(slot.getVisitId()))
                        .toList());
        ScheduleCalculator.updateAll(smaller.getShifts(), smaller.getSlots(), ScheduleCalculator.DIRECT);
        GreedyInsertion.fillUnassigned(smaller);
        return smaller;
    }

    private static CareRota eliminate(CareRota rota, SolomonInstance instance, Objective objective) {
        if (objective == Objective.HIERARCHICAL) {
            GreedyInsertion.eliminateShifts(rota, instance.vehicles());
        }
        return rota;
    }

    /** The rota with fewer unassigned visits, then fewer shifts used, then less travel. */
    private static CareRota better(@Nullable CareRota current, CareRota candidate) {
        if (current == null) {
            return candidate;
        }
        return Comparator.comparing(VrptwSolver::unassignedCount)
                                .thenComparing(VrptwSolver::usedShifts)
                                .thenComparing(VrptwSolver::travel)
                                .compare(candidate, current)
                        < 0
                ? candidate
                : current;
    }

    private static long unassignedCount(CareRota rota) {
        return rota.getSlots().stream().filter(slot -> !slot.isAssigned()).count();
    }

    private static long usedShifts(CareRota rota) {
        return rota.getShifts().stream()
                .filter(shift -> !shift.isVirtual() && !shift.getSlots().isEmpty())
                .count();
    }

    private static long travel(CareRota rota) {
        return rota.getShifts().stream()
                .filter(shift -> !shift.isVirtual())
                .mapToLong(shift -> shift.getSummary().travel())
                .sum();
    }

    /** The planning problem of an instance. */
    public static CareRota toRota(SolomonInstance instance, Objective objective) {
        return toRota(instance, objective, instance.vehicles());
    }

    /** The planning problem of an instance with the given number of vehicles. */
    static CareRota toRota(SolomonInstance instance, Objective objective, int fleet) {
        List<SolomonInstance.Customer> customers = instance.customers();
        double[] xs = new double[customers.size()];
        double[] ys = new double[customers.size()];
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            SolomonInstance.Customer customer = customers.get(i);
            xs[i] = customer.x();
            ys[i] = customer.y();
            locations.add(new Location(i, Integer.toString(customer.number()), customer.x(), customer.y()));
        }
        TravelMatrix travel =
                TravelMatrix.precompute(new PlanarTravel(xs, ys, 1.0), TICKS_PER_UNIT, Set.of(TravelMode.CAR));
        LocalDate day = LocalDate.of(2000, 1, 1);
        SolomonInstance.Customer depotCustomer = instance.depot();
        Location depot = locations.get(0);
        ShiftRules rules = ShiftRules.none(TICKS_PER_UNIT);
        List<Carer> carers = new ArrayList<>();
        List<CarerShift> shifts = new ArrayList<>();
        long usageCost = objective == Objective.HIERARCHICAL ? VEHICLE_COST : 0L;
        for (int v = 0; v < fleet; v++) {
            Carer vehicle = new Carer(
                    "vehicle-" + (v + 1), null, null, depot, TravelMode.CAR, List.of(), Carer.NONE, Carer.NONE, null);
            carers.add(vehicle);
            shifts.add(new CarerShift(
                    vehicle.getId(),
                    vehicle,
                    day,
                    0,
                    0,
                    ticks(depotCustomer.ready()),
                    ticks(depotCustomer.due()),
                    depot,
                    depot,
                    List.of(),
                    List.of(),
                    rules,
                    instance.capacity(),
                    usageCost,
                    travel));
        }
        shifts.add(CarerShift.unassigned(day, depot, rules, travel));
        List<ServiceUser> serviceUsers = new ArrayList<>();
        List<Visit> visits = new ArrayList<>();
        List<VisitSlot> slots = new ArrayList<>();
        for (int i = 1; i < customers.size(); i++) {
            SolomonInstance.Customer customer = customers.get(i);
            ServiceUser place = new ServiceUser(
                    Integer.toString(customer.number()), locations.get(i), null, null, Set.of(), Set.of(), Set.of());
            long ready = ticks(customer.ready());
            Visit visit = new Visit(
                    Integer.toString(customer.number()),
                    place,
                    null,
                    new TimeWindow(ready, Math.max(ready, ticksDown(customer.due()))),
                    ready,
                    Math.max(1L, ticks(customer.service())),
                    List.of(),
                    1,
                    Priority.TIME_CRITICAL,
                    day,
                    0,
                    0,
                    Set.of(),
                    Set.of(),
                    customer.demand());
            serviceUsers.add(place);
            visits.add(visit);
            slots.add(new VisitSlot(visit, 0));
        }
        CareRota rota = new CareRota(
                instance.name(),
                day,
                1,
                TICKS_PER_UNIT,
                travel,
                locations,
                carers,
                serviceUsers,
                visits,
                List.of(),
                shifts,
                slots,
                weights());
        ScheduleCalculator.updateAll(shifts, slots, ScheduleCalculator.DIRECT);
        return rota;
    }

    /** Routing weights: windows (as time-critical lateness), depot return, capacity, unassigned, distance, vehicles. */
    static CareConstraintWeights weights() {
        Map<String, Number> overrides = new HashMap<>();
        for (CareConstraintWeights.Definition definition : CareConstraintWeights.DEFINITIONS) {
            overrides.put(definition.name(), 0);
        }
        overrides.put(CareConstraintProvider.TIME_CRITICAL_LATE, 1);
        overrides.put(CareConstraintProvider.LATE_RETURN, 1);
        overrides.put(CareConstraintProvider.VEHICLE_CAPACITY, TICKS_PER_UNIT);
        overrides.put(CareConstraintProvider.OUTSIDE_AVAILABILITY, 1);
        overrides.put(CareConstraintProvider.UNASSIGNED_VISIT, 1);
        overrides.put(CareConstraintProvider.TRAVEL_TIME, 1);
        overrides.put(CareConstraintProvider.SHIFT_USAGE_COST, 1);
        return new CareConstraintWeights().withOverrides(overrides);
    }

    private static Result result(SolomonInstance instance, CareRota solved) {
        List<List<Integer>> routes = new ArrayList<>();
        double distance = 0;
        List<SolomonInstance.Customer> customers = instance.customers();
        for (CarerShift shift : solved.getShifts()) {
            if (shift.isVirtual() || shift.getSlots().isEmpty()) {
                continue;
            }
            List<Integer> route = new ArrayList<>();
            SolomonInstance.Customer at = instance.depot();
            for (VisitSlot slot : shift.getSlots()) {
                SolomonInstance.Customer next =
                        customers.get(slot.getVisit().getLocation().index());
                distance += SolomonInstance.distance(at, next);
                route.add(next.number());
                at = next;
            }
            distance += SolomonInstance.distance(at, instance.depot());
            routes.add(route);
        }
        HardMediumSoftLongScore score = solved.getScore();
        boolean feasible =
                score != null && score.isSolutionInitialized() && score.hardScore() == 0 && score.mediumScore() == 0;
        return new Result(instance.name(), routes.size(), distance, routes, feasible, String.valueOf(score));
    }

    private static long ticks(double units) {
        return Math.round(units * TICKS_PER_UNIT);
    }

    private static long ticksDown(double units) {
        return (long) Math.floor(units * TICKS_PER_UNIT + 1e-6);
    }
}
