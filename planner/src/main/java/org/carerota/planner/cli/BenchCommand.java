package org.carerota.planner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.carerota.planner.CarePlanner;
import org.carerota.planner.SolveOptions;
import org.carerota.planner.benchmark.solomon.SolomonInstance;
import org.carerota.planner.benchmark.solomon.SolomonParser;
import org.carerota.planner.check.SolutionChecker;
import org.carerota.planner.check.VrptwChecker;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.explain.UnassignedExplainer;
import org.carerota.planner.generator.RegionGenerator;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.mapping.MappedProblem;
import org.carerota.planner.replan.Disruption;
import org.carerota.planner.replan.Replanner;
import org.carerota.planner.solver.GreedyInsertion;
import org.carerota.planner.vrptw.VrptwSolver;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.impl.solver.DefaultSolver;

/**
 * {@code bench}: the performance check of the planner (issue 5). It measures, prints a table and writes a CSV file
 * to {@code --out} (default {@code bench-results/}).
 *
 * <ul>
 *   <li>{@code bench solomon} solves Solomon VRPTW instances with {@link VrptwSolver}, re-checks every route with
 *       {@link VrptwChecker} and compares with the best-known solutions ({@code bks.csv}, or
 *       {@code bks_distance_only.csv} for {@code --objective dist}).
 *   <li>{@code bench region} generates a synthetic region, solves it as {@link CarePlanner#solve} does (construction,
 *       local search, polish) and checks the result with {@link SolutionChecker}.
 *   <li>{@code bench replan} plans an M day, publishes it, makes a carer absent from 10:00 and re-plans.
 * </ul>
 */
final class BenchCommand {

    static final String USAGE =
            """
              bench solomon [--seconds N] [--instances C101,R201,…] [--dir PATH] [--objective hier|dist] [--out DIR]
                  Solve Solomon instances (default: all in ../shared/benchmarks/solomon, 60 s each), check every
                  route independently and compare with bks.csv (bks_distance_only.csv for dist).
              bench region --size S|M|L [--seconds N] [--days D] [--seed N] [--out DIR]
                  Generate a region, solve it, check it; time to first feasible, unassigned, score speed, heap.
              bench replan [--size S|M|L] [--seconds N] [--replan-seconds N] [--seed N] [--out DIR]
                  Plan a day (default M, 30 s), publish it, make the busiest carer absent from 10:00 and re-plan
                  (default 2 s); time to a new feasible plan and the number of changed assignments.
            """;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private BenchCommand() {}

    /** Runs {@code bench …}; returns the exit status. */
    static int run(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            throw new UsageException("bench: expected solomon, region or replan");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "solomon" -> solomon(rest, out);
            case "region" -> region(rest, out);
            case "replan" -> replan(rest, out);
            default -> throw new UsageException("bench: unknown benchmark '" + args.get(0) + "'");
        };
    }

    // ---------------------------------------------------------------- solomon

    private static int solomon(List<String> rest, PrintStream out) {
        Arguments args = Arguments.parse(
                "bench solomon", rest, Set.of("seconds", "instances", "dir", "objective", "out", "seed"), Set.of());
        args.noPositionals();
        double seconds = args.doubleOption("seconds", 60, 0.1);
        Path dir = Path.of(args.option("dir") == null ? "../shared/benchmarks/solomon" : args.option("dir"));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("bench solomon: no such directory: " + dir + " (use --dir)");
        }
        String objective = args.option("objective") == null ? "hier" : args.option("objective");
        if (!objective.equals("hier") && !objective.equals("dist")) {
            throw new UsageException("bench solomon: --objective must be hier or dist, found '" + objective + "'");
        }
        long seed = args.longOption("seed", 0);
        Map<String, double[]> bks =
                readBks(dir.resolve(objective.equals("dist") ? "bks_distance_only.csv" : "bks.csv"));
        List<String> names = new ArrayList<>();
        if (args.option("instances") != null) {
            for (String name : args.option("instances").split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim().toUpperCase(Locale.ROOT));
                }
            }
        } else {
            try (var files = Files.list(dir)) {
                files.map(path -> path.getFileName().toString())
                        .filter(name -> name.endsWith(".txt"))
                        .map(name -> name.substring(0, name.length() - 4))
                        .sorted()
                        .forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Table table = new Table(
                "instance",
                "vehicles",
                "distance",
                "bk_vehicles",
                "bk_distance",
                "gap_pct",
                "lb_vehicles",
                "wall_s",
                "first_feasible_s",
                "score_calc_per_s",
                "checked");
        int matched = 0;
        int fewer = 0;
        double gapSum = 0;
        int solved = 0;
        boolean allFeasible = true;
        out.println(machine());
        for (String name : names) {
            Path file = dir.resolve(name + ".txt");
            if (!Files.isRegularFile(file)) {
                throw new UsageException("bench solomon: no instance file " + file);
            }
            long began = System.nanoTime();
            SolomonInstance instance = SolomonParser.parse(file);
            VrptwSolver.Run run = VrptwSolver.run(
                    instance,
                    Duration.ofMillis(Math.round(seconds * 1000)),
                    objective.equals("dist") ? VrptwSolver.Objective.DISTANCE : VrptwSolver.Objective.HIERARCHICAL,
                    seed);
            VrptwSolver.Result result = run.result();
            double wall = (System.nanoTime() - began) / 1e9;
            VrptwChecker.Report check = VrptwChecker.check(instance, result.routes());
            int served = result.routes().stream().mapToInt(List::size).sum();
            boolean ok = check.feasible() && served == instance.visits().size();
            allFeasible &= ok;
            double[] known = bks.get(name);
            String gap = "";
            if (known != null && ok) {
                double g = 100.0 * (check.distance() - known[1]) / known[1];
                gap = format(g);
                if (check.vehicles() == (int) known[0]) {
                    matched++;
                    gapSum += g;
                } else if (check.vehicles() < (int) known[0]) {
                    fewer++;
                }
            }
            solved++;
            table.add(
                    name,
                    Integer.toString(check.vehicles()),
                    format(check.distance()),
                    known == null ? "" : Integer.toString((int) known[0]),
                    known == null ? "" : format(known[1]),
                    gap,
                    Integer.toString(vehicleLowerBound(instance)),
                    format(wall),
                    run.firstFeasibleMillis() < 0 ? "none" : format(run.firstFeasibleMillis() / 1000.0),
                    Long.toString(run.scoreCalculationSpeed()),
                    ok
                            ? "ok"
                            : "INFEASIBLE: "
                                    + (check.violations().isEmpty()
                                            ? "customers missing"
                                            : check.violations().get(0)));
            out.println(table.lastLine());
        }
        out.println();
        out.print(table.render());
        out.printf(
                Locale.ROOT,
                "%d instances, %.0f s each, objective %s: best-known vehicle count reached on %d (fewer on %d); "
                        + "mean distance gap where vehicles match: %s%%%n",
                solved,
                seconds,
                objective,
                matched,
                fewer,
                matched == 0 ? "n/a" : format(gapSum / matched));
        out.printf(
                Locale.ROOT,
                "peak heap %d MiB of %d MiB%n",
                peakHeapMiB(),
                Runtime.getRuntime().maxMemory() >> 20);
        table.write(outDir(args), "solomon-" + objective, out);
        return allFeasible ? PlannerCommand.OK : PlannerCommand.FAILED;
    }

    private static Map<String, double[]> readBks(Path file) {
        Map<String, double[]> bks = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return bks;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split(",", 4);
                if (cells.length < 3 || cells[0].equals("instance")) {
                    continue;
                }
                bks.put(
                        cells[0].trim().toUpperCase(Locale.ROOT),
                        new double[] {Double.parseDouble(cells[1].trim()), Double.parseDouble(cells[2].trim())});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bks;
    }

    // ---------------------------------------------------------------- region

    private static int region(List<String> rest, PrintStream out) {
        Arguments args =
                Arguments.parse("bench region", rest, Set.of("size", "seconds", "days", "seed", "out"), Set.of());
        args.noPositionals();
        RegionGenerator.Size size = size(args.required("size"));
        int days = args.intOption("days", 1, 1, RegionGenerator.MAX_DAYS);
        double seconds = args.doubleOption("seconds", defaultSeconds(size, days), 0.1);
        long seed = args.longOption("seed", 42);
        out.println(machine());
        long generating = System.nanoTime();
        ProblemDocument problem = RegionGenerator.generate(size, seed, PlannerCommand.DEFAULT_FROM, days);
        double generated = (System.nanoTime() - generating) / 1e9;
        CareRun run = CareRun.solve(problem, seconds, seed);
        SolutionChecker.Report check = SolutionChecker.check(problem, run.solution());
        Table table = regionTable();
        table.add(regionRow(size.name() + " x" + days + "d", problem, run, check));
        out.print(table.render());
        out.printf(Locale.ROOT, "generated in %.1f s (not counted); %s%n", generated, run.note());
        table.write(outDir(args), "region-" + size.name() + "-" + days + "d", out);
        return check.violations().isEmpty() ? PlannerCommand.OK : PlannerCommand.FAILED;
    }

    private static double defaultSeconds(RegionGenerator.Size size, int days) {
        if (days > 1) {
            return 600;
        }
        return switch (size) {
            case S -> 5;
            case M -> 30;
            case L -> 120;
        };
    }

    private static Table regionTable() {
        return new Table(
                "region",
                "visits",
                "carer_shifts",
                "seconds",
                "first_feasible_s",
                "hard_violations",
                "unassigned_places",
                "unassigned_with_free_carer",
                "late_starts",
                "travel_minutes",
                "score",
                "score_calc_per_s",
                "peak_heap_mib",
                "max_heap_mib");
    }

    private static String[] regionRow(String name, ProblemDocument problem, CareRun run, SolutionChecker.Report check) {
        return new String[] {
            name,
            Integer.toString(problem.visits().size()),
            Long.toString(run.shifts()),
            format(run.totalMillis() / 1000.0),
            run.firstFeasibleMillis() < 0 ? "none" : format(run.firstFeasibleMillis() / 1000.0),
            Integer.toString(check.violations().size()),
            Integer.toString(check.metrics().unassignedPlaces()),
            Long.toString(run.unassignedWithFreeCarer()),
            Integer.toString(check.metrics().lateStarts()),
            format(check.metrics().travelMinutes()),
            run.solution().score(),
            Long.toString(run.scoreCalculationSpeed()),
            Long.toString(peakHeapMiB()),
            Long.toString(Runtime.getRuntime().maxMemory() / (1024 * 1024))
        };
    }

    // ---------------------------------------------------------------- replan

    private static int replan(List<String> rest, PrintStream out) {
        Arguments args = Arguments.parse(
                "bench replan", rest, Set.of("size", "seconds", "replan-seconds", "seed", "out"), Set.of());
        args.noPositionals();
        RegionGenerator.Size size = args.option("size") == null ? RegionGenerator.Size.M : size(args.option("size"));
        double seconds = args.doubleOption("seconds", defaultSeconds(size, 1), 0.1);
        double replanSeconds = args.doubleOption("replan-seconds", 2, 0.1);
        long seed = args.longOption("seed", 42);
        out.println(machine());
        ProblemDocument problem = RegionGenerator.generate(size, seed, PlannerCommand.DEFAULT_FROM, 1);
        CareRun planned = CareRun.solve(problem, seconds, seed);
        // Publish the plan; the carer with most visits from 10:00 becomes absent from then on.
        LocalDateTime now = PlannerCommand.DEFAULT_FROM.atTime(10, 0);
        List<ProblemDocument.PublishedAssignment> assignments = new ArrayList<>();
        Map<String, Integer> laterVisits = new LinkedHashMap<>();
        for (SolutionDocument.ShiftPlan shift : planned.solution().shifts()) {
            for (SolutionDocument.PlannedVisit visit : shift.visits()) {
                assignments.add(new ProblemDocument.PublishedAssignment(visit.visit(), shift.carer(), visit.start()));
                if (!visit.start().isBefore(now)) {
                    laterVisits.merge(shift.carer(), 1, Integer::sum);
                }
            }
        }
        String absent = laterVisits.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("the plan has no visit after 10:00"));
        ProblemDocument published = problem.withPublished(new ProblemDocument.Published(assignments));
        // Absent from 10:00, or from the end of the visit they are on at 10:00 (a started visit stays as it is).
        LocalDateTime absentFrom = now;
        for (SolutionDocument.ShiftPlan shift : planned.solution().shifts()) {
            for (SolutionDocument.PlannedVisit visit : shift.visits()) {
                if (shift.carer().equals(absent)
                        && visit.start().isBefore(now)
                        && visit.end().isAfter(absentFrom)) {
                    absentFrom = visit.end();
                }
            }
        }
        long started = System.nanoTime();
        Replanner.Prepared prepared = Replanner.prepare(
                published, now, List.of(new Disruption.CarerAbsent(absent, absentFrom, null, "sick (benchmark)")));
        long preparedMillis = (System.nanoTime() - started) / 1_000_000L;
        CareRun replanned = CareRun.solve(prepared.problem(), replanSeconds, seed);
        long totalMillis = preparedMillis + replanned.totalMillis();
        // Checked as the whole day: the started visits back at the front of their shifts, against the published
        // problem with the absence, so that the rest break, minimum wage and working time are judged on the day.
        SolutionChecker.Report check = SolutionChecker.check(
                withAbsence(published, absent, absentFrom), Replanner.withFixed(replanned.solution(), prepared));
        Table table = new Table(
                "region",
                "absent_carer",
                "their_visits_from_10",
                "replan_limit_s",
                "first_feasible_s",
                "total_s",
                "hard_violations",
                "changed_assignments",
                "of_published",
                "of_absent_carer",
                "published_dropped",
                "newly_covered",
                "unassigned_places_before",
                "unassigned_places_after",
                "score_calc_per_s");
        SolutionChecker.Report before = SolutionChecker.check(problem, planned.solution());
        table.add(
                size.name(),
                absent,
                Integer.toString(laterVisits.get(absent)),
                format(replanSeconds),
                replanned.firstFeasibleMillis() < 0
                        ? "none"
                        : format((preparedMillis + replanned.firstFeasibleMillis()) / 1000.0),
                format(totalMillis / 1000.0),
                Integer.toString(check.violations().size()),
                Integer.toString(replanned.solution().changes().size()),
                Long.toString(replanned.solution().changes().stream()
                        .filter(change -> change.from() != null)
                        .count()),
                Long.toString(replanned.solution().changes().stream()
                        .filter(change -> absent.equals(change.from()))
                        .count()),
                Long.toString(replanned.solution().changes().stream()
                        .filter(change -> change.from() != null && change.to() == null)
                        .count()),
                Long.toString(replanned.solution().changes().stream()
                        .filter(change -> change.from() == null)
                        .count()),
                Integer.toString(before.metrics().unassignedPlaces()),
                Integer.toString(check.metrics().unassignedPlaces()),
                Long.toString(replanned.scoreCalculationSpeed()));
        out.print(table.render());
        out.printf(
                Locale.ROOT,
                "initial plan: %s in %.1f s; re-plan: %s%n",
                planned.solution().score(),
                planned.totalMillis() / 1000.0,
                replanned.note());
        if (!check.violations().isEmpty()) {
            Map<SolutionChecker.Rule, Long> byRule = new java.util.TreeMap<>();
            check.violations().forEach(violation -> byRule.merge(violation.rule(), 1L, Long::sum));
            out.println("hard violations found by the checker: " + byRule + "; first: "
                    + check.violations()
                            .subList(0, Math.min(3, check.violations().size())));
        }
        table.write(outDir(args), "replan-" + size.name(), out);
        return check.violations().isEmpty() ? PlannerCommand.OK : PlannerCommand.FAILED;
    }

    /** The problem with one carer absent from a moment to the end of the horizon (as {@link Replanner} does). */
    private static ProblemDocument withAbsence(ProblemDocument problem, String carer, LocalDateTime from) {
        List<ProblemDocument.Carer> carers = new ArrayList<>();
        for (ProblemDocument.Carer dto : problem.carers()) {
            if (!dto.id().equals(carer)) {
                carers.add(dto);
                continue;
            }
            List<ProblemDocument.Absence> absences = new ArrayList<>(dto.absences());
            absences.add(new ProblemDocument.Absence(
                    from, problem.horizon().to().plusDays(2).atStartOfDay(), "sick (benchmark)"));
            carers.add(new ProblemDocument.Carer(
                    dto.id(),
                    dto.name(),
                    dto.pool(),
                    dto.gender(),
                    dto.home(),
                    dto.travelMode(),
                    dto.skills(),
                    dto.shifts(),
                    absences,
                    dto.contractedMinutesPerWeek(),
                    dto.maxWorkingMinutesPerDay(),
                    dto.pay(),
                    dto.capacity()));
        }
        return problem.withCarers(carers);
    }

    // ---------------------------------------------------------------- the care solve, measured

    /**
     * One measured solve of a care problem, the same steps as {@link CarePlanner#solve}: greedy construction, local
     * search for what is left of the time limit (at least a second), then the greedy polish of unassigned visits.
     */
    record CareRun(
            SolutionDocument solution,
            long totalMillis,
            long firstFeasibleMillis,
            long scoreCalculations,
            long searchMillis,
            long shifts,
            long unassignedWithFreeCarer,
            String note) {

        long scoreCalculationSpeed() {
            return searchMillis <= 0 ? 0 : scoreCalculations * 1000L / searchMillis;
        }

        static CareRun solve(ProblemDocument problem, double seconds, long seed) {
            long started = System.nanoTime();
            MappedProblem mapped = CarePlanner.model(problem);
            CareRota rota = mapped.rota();
            SolveOptions options = SolveOptions.of(Duration.ofMillis(Math.round(seconds * 1000)))
                    .withSeed(seed);
            SolverFactory<CareRota> factory = SolverFactory.create(CarePlanner.solverConfig(options));
            SolutionManager<CareRota, HardMediumSoftLongScore> manager = SolutionManager.create(factory);
            long constructionStarted = System.nanoTime();
            GreedyInsertion.construct(rota);
            long finishMillis = CarePlanner.finishMillis(
                    options.timeLimit(),
                    millisSince(constructionStarted),
                    CarePlanner.unassignedCount(rota),
                    rota.getSlots().size());
            HardMediumSoftLongScore constructed = manager.update(rota);
            long constructedMillis = millisSince(started);
            boolean sparing = CarePlanner.isReplanning(rota); // bench replan: as Replanner.replan
            long releasedLeft = CarePlanner.releasedUnassigned(rota, Set.of());
            Map<CarerShift, List<VisitSlot>> constructedLists = GreedyInsertion.snapshot(rota);
            Set<String> held = sparing ? CarePlanner.heldPublished(constructedLists) : Set.of();
            AtomicLong firstFeasible = new AtomicLong(constructed.hardScore() == 0 ? constructedMillis : -1);
            long leftMillis = CarePlanner.searchMillis(options.timeLimit(), constructedMillis, sparing, finishMillis);
            Solver<CareRota> solver = SolverFactory.<CareRota>create(CarePlanner.solverConfig(
                            SolveOptions.of(Duration.ofMillis(leftMillis)).withSeed(seed)))
                    .buildSolver();
            solver.addEventListener(event -> {
                HardMediumSoftLongScore best = (HardMediumSoftLongScore) event.getNewBestScore();
                if (firstFeasible.get() < 0 && best.isSolutionInitialized() && best.hardScore() == 0) {
                    firstFeasible.set(millisSince(started));
                }
            });
            // The same re-planning rules as CarePlanner.solve: no local search when the construction placed every
            // visit of the published plan, and the constructed plan kept when local search placed no more of them or
            // moved
            // more published assignments than placing them needed (CarePlanner.searchWorthItsChanges).
            boolean search = !sparing || (releasedLeft > 0 && leftMillis >= CarePlanner.MIN_SPARING_SEARCH_MILLIS);
            CareRota solved = search ? solver.solve(rota) : rota;
            long scoreCalculations = 0;
            long searchMillis = 0;
            if (search && solver instanceof DefaultSolver<CareRota> measured) {
                scoreCalculations = measured.getSolverScope().getScoreCalculationCount();
                searchMillis = measured.getTimeMillisSpent();
            }
            if (search
                    && sparing
                    && !CarePlanner.searchWorthItsChanges(
                            releasedLeft - CarePlanner.releasedUnassigned(solved, Set.of()),
                            CarePlanner.movedPublished(held, solved))) {
                solved = rota;
                GreedyInsertion.restore(solved, constructedLists);
                manager.update(solved);
            }
            HardMediumSoftLongScore searched = solved.getScore();
            long searchedMillis = millisSince(started);
            if (!sparing || releasedLeft > 0) {
                CarePlanner.polish(
                        solved,
                        manager,
                        sparing ? Set.of() : null,
                        CarePlanner.polishStart(
                                CarePlanner.polishDeadlineNanos(started, options.timeLimit(), finishMillis),
                                finishMillis));
            }
            long polishedMillis = millisSince(started);
            // The limit covers the returned document too (its explanation of every unassigned visit), as in
            // CarePlanner.solve; the checker and the count of places with a free carer below are not timed.
            SolutionDocument solution = CarePlanner.document(mapped, solved);
            long totalMillis = millisSince(started);
            UnassignedExplainer explainer = new UnassignedExplainer(solved, mapped::time);
            long withFreeCarer = solved.getSlots().stream()
                    .filter(slot -> !slot.isAssigned())
                    .filter(slot -> explainer.explain(slot).category().equals("tradeOff"))
                    .count();
            long shifts = solved.getShifts().stream()
                    .filter(shift -> !shift.isVirtual())
                    .count();
            String note = String.format(
                    Locale.ROOT,
                    "construction %s in %.1f s, local search %s until %.1f s, final %s after the polish at %.1f s"
                            + " and the document at %.1f s",
                    constructed,
                    constructedMillis / 1000.0,
                    search ? searched + " (" + searchMillis + " ms)" : "not run",
                    searchedMillis / 1000.0,
                    solved.getScore(),
                    polishedMillis / 1000.0,
                    totalMillis / 1000.0);
            return new CareRun(
                    solution,
                    totalMillis,
                    firstFeasible.get(),
                    scoreCalculations,
                    searchMillis,
                    shifts,
                    withFreeCarer,
                    note);
        }

        private static long millisSince(long started) {
            return (System.nanoTime() - started) / 1_000_000L;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Total demand over capacity, rounded up: no solution uses fewer vehicles (a yardstick without best-known). */
    static int vehicleLowerBound(SolomonInstance instance) {
        long demand = instance.visits().stream()
                .mapToLong(SolomonInstance.Customer::demand)
                .sum();
        return instance.capacity() <= 0
                ? 1
                : (int) Math.max(1, (demand + instance.capacity() - 1) / instance.capacity());
    }

    private static RegionGenerator.Size size(String text) {
        try {
            return RegionGenerator.Size.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("bench: --size must be S, M or L, found '" + text + "'");
        }
    }

    private static Path outDir(Arguments args) {
        return Path.of(args.option("out") == null ? "bench-results" : args.option("out"));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    /** The machine the figures were measured on. */
    static String machine() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(
                Locale.ROOT,
                "# %s, %d processors, load average %.2f, max heap %d MiB, Java %s, %s UTC",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                load,
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"),
                LocalDateTime.now(ZoneOffset.UTC).withNano(0));
    }

    /** A text table that also writes itself as CSV. */
    static final class Table {

        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = header;
        }

        void add(String... row) {
            rows.add(row);
        }

        String lastLine() {
            return String.join("  ", rows.get(rows.size() - 1));
        }

        String render() {
            int[] widths = new int[header.length];
            for (int c = 0; c < header.length; c++) {
                widths[c] = header[c].length();
                for (String[] row : rows) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            StringBuilder text = new StringBuilder();
            line(text, header, widths);
            for (String[] row : rows) {
                line(text, row, widths);
            }
            return text.toString();
        }

        private static void line(StringBuilder text, String[] cells, int[] widths) {
            for (int c = 0; c < cells.length; c++) {
                if (c > 0) {
                    text.append("  ");
                }
                text.append(cells[c]);
                text.append(" ".repeat(widths[c] - cells[c].length()));
            }
            text.append(System.lineSeparator());
        }

        void write(Path dir, String name, PrintStream out) {
            StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
            for (String[] row : rows) {
                List<String> cells = new ArrayList<>();
                for (String cell : row) {
                    cells.add(cell.contains(",") || cell.contains("\"") ? Solving.quote(cell) : cell);
                }
                csv.append(String.join(",", cells)).append('\n');
            }
            Path file = dir.resolve(name + "-" + STAMP.format(LocalDateTime.now(ZoneOffset.UTC)) + ".csv");
            try {
                Files.createDirectories(dir);
                Files.writeString(file, csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println("CSV: " + file);
        }
    }
}
