package org.carerota.planner.replan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.carerota.planner.CarePlanner;
import org.carerota.planner.SolveOptions;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Priority;
import org.carerota.planner.domain.TimeWindow;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemJson;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.mapping.MappedProblem;
import org.carerota.planner.solver.CareSolverConfig;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;

class ReplannerTests {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 2, 8, 10);

    private static ProblemDocument problem() {
        return read("/org/carerota/planner/smoke/two-days-matrix.json");
    }

    private static ProblemDocument read(String resource) {
        try (InputStream in = Objects.requireNonNull(ReplannerTests.class.getResourceAsStream(resource))) {
            return ProblemJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemDocument.Visit urgent() {
        return new ProblemDocument.Visit(
                "URGENT-1",
                "P3",
                null,
                LocalDateTime.of(2026, 3, 2, 10, 0),
                LocalDateTime.of(2026, 3, 2, 11, 0),
                null,
                30.0,
                List.of("personal-care"),
                1,
                null,
                org.carerota.planner.io.Priority.HIGH,
                List.of(),
                null);
    }

    @Test
    void shouldKeepStartedVisitFixedAndMoveCarerStartForwardWhenReplanning() {
        ProblemDocument problem = problem();

        Replanner.Prepared prepared = Replanner.prepare(problem, NOW, List.of());

        assertThat(prepared.problem().visits()).noneMatch(visit -> visit.id().equals("D2-P1-am"));
        ProblemDocument.Carer k1 = prepared.problem().carers().get(0);
        assertThat(k1.shifts().get(0).started())
                .extracting(ProblemDocument.StartedVisit::visit, ProblemDocument.StartedVisit::end)
                .containsExactly(tuple("D2-P1-am", LocalDateTime.of(2026, 3, 2, 8, 30)));
        MappedProblem model = CarePlanner.model(prepared.problem());
        CarerShift mapped = model.rota().getShifts().stream()
                .filter(shift -> shift.getId().equals("K1@2026-03-02"))
                .findFirst()
                .orElseThrow();
        assertThat(model.time(mapped.getStart())).isEqualTo(LocalDateTime.of(2026, 3, 2, 8, 30));
        assertThat(mapped.getStartLocation().id()).isEqualTo("P1");
        assertThat(mapped.getStarted().visits()).isEqualTo(1);
        assertThat(prepared.problem().published().assignments())
                .extracting(ProblemDocument.PublishedAssignment::visit)
                .containsExactly("D2-P2-am");
    }

    @Test
    void shouldKeepGapAndOtherCarerOfDependencyOnStartedVisitWhenReplanning() {
        ProblemDocument problem = problem();
        ProblemDocument.Visit followUp = new ProblemDocument.Visit(
                "FOLLOW-UP",
                "P1",
                null,
                LocalDateTime.of(2026, 3, 2, 8, 0),
                LocalDateTime.of(2026, 3, 2, 13, 0),
                null,
                20.0,
                List.of("personal-care"),
                1,
                // 60 to 180 minutes after D2-P1-am, which K1 started at 08:00, by another carer
                new ProblemDocument.Dependency("D2-P1-am", 60.0, 180.0),
                org.carerota.planner.io.Priority.NORMAL,
                List.of(),
                null);
        List<ProblemDocument.Visit> visits = new java.util.ArrayList<>(problem.visits());
        visits.add(followUp);

        Replanner.Prepared prepared = Replanner.prepare(
                withPublished(
                        problem,
                        problem.serviceUsers(),
                        visits,
                        problem.published().assignments()),
                NOW,
                List.of());

        ProblemDocument.Visit rewritten = visitOf(prepared.problem(), "FOLLOW-UP");
        assertThat(rewritten.windowStart()).isEqualTo(LocalDateTime.of(2026, 3, 2, 9, 0));
        assertThat(rewritten.windowEnd()).isEqualTo(LocalDateTime.of(2026, 3, 2, 11, 0));
        assertThat(rewritten.priority()).isEqualTo(org.carerota.planner.io.Priority.TIME_CRITICAL);
        assertThat(rewritten.dependsOn().visit()).isEqualTo("D2-P1-am");
        Visit mapped = CarePlanner.model(prepared.problem()).rota().getVisits().stream()
                .filter(visit -> visit.getId().equals("FOLLOW-UP"))
                .findFirst()
                .orElseThrow();
        assertThat(mapped.isBanned("K1")).isTrue();
        assertThat(mapped.isBanned("K2")).isFalse();
        SolutionDocument replanned = Replanner.replan(
                withPublished(
                        problem,
                        problem.serviceUsers(),
                        visits,
                        problem.published().assignments()),
                NOW,
                List.of(),
                SolveOptions.seconds(1));
        assertThat(replanned.shifts())
                .filteredOn(
                        shift -> shift.visits().stream().anyMatch(v -> v.visit().equals("FOLLOW-UP")))
                .singleElement()
                .satisfies(shift -> {
                    assertThat(shift.carer()).isNotEqualTo("K1");
                    SolutionDocument.PlannedVisit planned = shift.visits().stream()
                            .filter(v -> v.visit().equals("FOLLOW-UP"))
                            .findFirst()
                            .orElseThrow();
                    assertThat(planned.start())
                            .isBetween(LocalDateTime.of(2026, 3, 2, 9, 0), LocalDateTime.of(2026, 3, 2, 11, 0));
                });
    }

    @Test
    void shouldLeavePublishedVisitForConstructionWhenItsCarerIsAbsent() {
        ProblemDocument problem = problem();
        Replanner.Prepared kept = Replanner.prepare(problem, NOW, List.of());
        Replanner.Prepared absent =
                Replanner.prepare(problem, NOW, List.of(new Disruption.CarerAbsent("K1", NOW, null, "sickness")));

        VisitSlot keptSlot = slotOf(CarePlanner.model(kept.problem()).rota(), "D2-P2-am");
        VisitSlot releasedSlot = slotOf(CarePlanner.model(absent.problem()).rota(), "D2-P2-am");

        assertThat(keptSlot.getShift()).isNotNull();
        assertThat(keptSlot.getShift().getCarerId()).isEqualTo("K1");
        assertThat(releasedSlot.getShift()).isNull(); // placed by the construction, not left on the absent carer
        assertThat(releasedSlot.getVisit().getPublishedCarers()).containsExactly("K1"); // still reported as a change
    }

    private static VisitSlot slotOf(CareRota rota, String visit) {
        return rota.getSlots().stream()
                .filter(slot -> slot.getVisitId().equals(visit))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldApplyAbsenceCancellationAndUrgentVisitWhenReplanning() {
        ProblemDocument problem = problem();
        List<Disruption> disruptions = List.of(
                new Disruption.CarerAbsent("K2", NOW, null, "sickness"),
                new Disruption.VisitCancelled("D2-P4-lunch"),
                new Disruption.UrgentVisit(urgent()));

        SolutionDocument solution = Replanner.replan(problem, NOW, disruptions, SolveOptions.seconds(2));

        assertThat(solution.feasible()).isTrue();
        Set<String> planned = solution.shifts().stream()
                .flatMap(shift -> shift.visits().stream())
                .map(SolutionDocument.PlannedVisit::visit)
                .collect(Collectors.toSet());
        assertThat(planned).contains("URGENT-1", "D2-P1-am").doesNotContain("D2-P4-lunch");
        SolutionDocument.ShiftPlan k1Monday = solution.shifts().stream()
                .filter(shift -> shift.carer().equals("K1") && shift.date().getDayOfMonth() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(k1Monday.visits().get(0).visit()).isEqualTo("D2-P1-am");
        assertThat(solution.shifts().stream()
                        .filter(shift -> shift.carer().equals("K2"))
                        .flatMap(shift -> shift.visits().stream()))
                .allSatisfy(visit -> assertThat(visit.start()).isBefore(NOW));
    }

    @Test
    void shouldChangeOnlyTheAbsentCarersVisitsWhenOtherCarersHaveRoom() {
        // Everyone paid by the hour: K3 is paid per visit in the fixture, and under the minimum-wage floor, which now
        // judges the whole day (the morning included), a carer paid per visit with an early visit has no room for a
        // lunch visit four hours later. Room for the absent carer's visits is what this test is about.
        ProblemDocument problem = paidHourly(problem());
        SolutionDocument plan = CarePlanner.solve(withoutPublished(problem), SolveOptions.seconds(1));
        List<ProblemDocument.PublishedAssignment> assignments = plan.shifts().stream()
                .flatMap(shift -> shift.visits().stream()
                        .map(visit ->
                                new ProblemDocument.PublishedAssignment(visit.visit(), shift.carer(), visit.start())))
                .toList();
        LocalDateTime absentFrom = LocalDateTime.of(2026, 3, 2, 10, 0);
        String absent = busiestFrom(plan, absentFrom);
        Set<String> released = assignments.stream()
                .filter(assignment ->
                        assignment.carer().equals(absent) && !assignment.start().isBefore(absentFrom))
                .map(ProblemDocument.PublishedAssignment::visit)
                .collect(Collectors.toSet());
        assertThat(released).isNotEmpty();
        assertThat(plan.unassigned()).isEmpty(); // three carers, six hours each, seventeen short visits: room
        // A visit unassigned in the published plan that only one carer may do, from the time of one of that carer's
        // published visits to the end of their shift: it fits only if their later visits move, changes the absence
        // does not need, so it stays unassigned.
        ProblemDocument.PublishedAssignment other = assignments.stream()
                .filter(assignment -> !assignment.carer().equals(absent)
                        && !assignment.start().isBefore(absentFrom)
                        && assignment.start().toLocalDate().equals(absentFrom.toLocalDate()))
                .findFirst()
                .orElseThrow();
        ProblemDocument.Visit blocked = visitOf(problem, other.visit());
        ProblemDocument.ServiceUser home = problem.serviceUsers().stream()
                .filter(user -> user.id().equals(blocked.serviceUser()))
                .findFirst()
                .orElseThrow();
        ProblemDocument.ServiceUser onlyThatCarer = new ProblemDocument.ServiceUser(
                "EXTRA-SU",
                null,
                home.location(),
                null,
                null,
                List.of(),
                problem.carers().stream()
                        .map(ProblemDocument.Carer::id)
                        .filter(id -> !id.equals(other.carer()))
                        .toList(),
                List.of());
        ProblemDocument.Visit extra = new ProblemDocument.Visit(
                "EXTRA-1",
                onlyThatCarer.id(),
                null,
                other.start(),
                other.start(),
                null,
                // until just before that carer's shift ends: room only if every later visit of theirs moves
                (double) Duration.between(other.start(), LocalDateTime.of(2026, 3, 2, 13, 20))
                        .toMinutes(),
                List.of("personal-care"),
                1,
                null,
                org.carerota.planner.io.Priority.TIME_CRITICAL,
                List.of(),
                null);
        List<ProblemDocument.Visit> visits = new java.util.ArrayList<>(problem.visits());
        visits.add(extra);
        List<ProblemDocument.ServiceUser> users = new java.util.ArrayList<>(problem.serviceUsers());
        users.add(onlyThatCarer);

        SolutionDocument replanned = Replanner.replan(
                withPublished(problem, users, visits, assignments),
                absentFrom,
                List.of(new Disruption.CarerAbsent(absent, absentFrom, null, "sickness")),
                SolveOptions.seconds(1));

        assertThat(replanned.feasible()).isTrue();
        assertThat(replanned.unassigned())
                .extracting(SolutionDocument.Unassigned::visit)
                .containsExactly("EXTRA-1");
        // Every change is one of the absent carer's visits from 10:00, moved to another carer.
        assertThat(replanned.changes()).allSatisfy(change -> {
            assertThat(released).contains(change.visit());
            assertThat(change.from()).isEqualTo(absent);
            assertThat(change.to()).isNotNull().isNotEqualTo(absent);
        });
        assertThat(replanned.changes())
                .extracting(SolutionDocument.Change::visit)
                .containsExactlyInAnyOrderElementsOf(released);
        // and every other published assignment is still with its carer
        Set<String> held = replanned.shifts().stream()
                .flatMap(shift -> shift.visits().stream().map(visit -> visit.visit() + "/" + shift.carer()))
                .collect(Collectors.toSet());
        assertThat(assignments)
                .filteredOn(assignment -> !released.contains(assignment.visit()))
                .allSatisfy(assignment -> assertThat(held).contains(assignment.visit() + "/" + assignment.carer()));
    }

    @Test
    void shouldKeepAfternoonVisitsOfCarerWhoTookRestBreakInMorningWhenAnotherCarerFallsSick() {
        ProblemDocument problem = read("/org/carerota/planner/replan/rest-break-morning.json");
        LocalDateTime now = LocalDateTime.of(2026, 3, 2, 10, 0);

        SolutionDocument replanned = Replanner.replan(
                problem,
                now,
                List.of(new Disruption.CarerAbsent("K1", now, null, "sickness")),
                SolveOptions.seconds(1));

        // K2 worked 08:00-09:30 with a 30-minute wait, then 10:00-12:30 without one: judged alone, the rest of the
        // day (more than 2 hours, no break) would break the rest-break rule; judged as the whole day, it does not.
        assertThat(replanned.feasible()).isTrue();
        assertThat(replanned.unassigned()).isEmpty();
        assertThat(replanned.changes()).singleElement().satisfies(change -> {
            assertThat(change.visit()).isEqualTo("K1-late");
            assertThat(change.from()).isEqualTo("K1");
            assertThat(change.to()).isEqualTo("K3");
        });
        SolutionDocument.ShiftPlan k2 = replanned.shifts().stream()
                .filter(shift -> shift.carer().equals("K2"))
                .findFirst()
                .orElseThrow();
        assertThat(k2.visits())
                .extracting(SolutionDocument.PlannedVisit::visit)
                .containsExactly("K2-a", "K2-b", "K2-c", "K2-d", "K2-e", "K2-f");
    }

    @Test
    void shouldReportUnfilledPlaceOfDoubleUpStartedWithOneCarerAsUnassignedWhenReplanning() {
        ProblemDocument problem = read("/org/carerota/planner/replan/rest-break-morning.json");
        ProblemDocument.Visit doubleUp = new ProblemDocument.Visit(
                "DOUBLE-UP",
                "P3",
                null,
                LocalDateTime.of(2026, 3, 2, 9, 0),
                LocalDateTime.of(2026, 3, 2, 9, 0),
                null,
                30.0,
                List.of("personal-care"),
                2,
                null,
                org.carerota.planner.io.Priority.NORMAL,
                List.of(),
                null);
        List<ProblemDocument.Visit> visits = new java.util.ArrayList<>(problem.visits());
        visits.add(doubleUp);
        List<ProblemDocument.PublishedAssignment> assignments =
                new java.util.ArrayList<>(problem.published().assignments());
        // published with one carer: the second place was unassigned, and the visit started so
        assignments.add(new ProblemDocument.PublishedAssignment("DOUBLE-UP", "K3", LocalDateTime.of(2026, 3, 2, 9, 0)));
        ProblemDocument withDoubleUp = withPublished(problem, problem.serviceUsers(), visits, assignments);
        LocalDateTime now = LocalDateTime.of(2026, 3, 2, 10, 0);

        SolutionDocument replanned = Replanner.replan(withDoubleUp, now, List.of(), SolveOptions.seconds(1));

        assertThat(replanned.unassigned())
                .extracting(SolutionDocument.Unassigned::visit)
                .containsExactly("DOUBLE-UP");
        assertThat(org.carerota.planner.check.SolutionChecker.check(withDoubleUp, replanned)
                        .violations())
                .isEmpty();
    }

    private static String busiestFrom(SolutionDocument plan, LocalDateTime from) {
        return plan.shifts().stream()
                .collect(Collectors.groupingBy(
                        SolutionDocument.ShiftPlan::carer,
                        java.util.TreeMap::new,
                        Collectors.summingLong(shift -> shift.visits().stream()
                                .filter(visit -> !visit.start().isBefore(from))
                                .count())))
                .entrySet()
                .stream()
                .max(java.util.Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    private static ProblemDocument.Visit visitOf(ProblemDocument problem, String id) {
        return problem.visits().stream()
                .filter(visit -> visit.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static ProblemDocument paidHourly(ProblemDocument problem) {
        List<ProblemDocument.Carer> carers = problem.carers().stream()
                .map(c -> new ProblemDocument.Carer(
                        c.id(),
                        c.name(),
                        c.pool(),
                        c.gender(),
                        c.home(),
                        c.travelMode(),
                        c.skills(),
                        c.shifts(),
                        c.absences(),
                        c.contractedMinutesPerWeek(),
                        c.maxWorkingMinutesPerDay(),
                        new ProblemDocument.Pay(org.carerota.planner.io.PayModel.HOURLY, 12.5),
                        c.capacity()))
                .toList();
        return new ProblemDocument(
                problem.schemaVersion(),
                problem.name(),
                problem.timezone(),
                problem.horizon(),
                problem.settings(),
                problem.skills(),
                problem.commissioners(),
                problem.pools(),
                carers,
                problem.serviceUsers(),
                problem.visits(),
                problem.published(),
                problem.travel());
    }

    private static ProblemDocument withoutPublished(ProblemDocument problem) {
        return withPublished(problem, problem.serviceUsers(), problem.visits(), List.of());
    }

    private static ProblemDocument withPublished(
            ProblemDocument problem,
            List<ProblemDocument.ServiceUser> users,
            List<ProblemDocument.Visit> visits,
            List<ProblemDocument.PublishedAssignment> assignments) {
        return new ProblemDocument(
                problem.schemaVersion(),
                problem.name(),
                problem.timezone(),
                problem.horizon(),
                problem.settings(),
                problem.skills(),
                problem.commissioners(),
                problem.pools(),
                problem.carers(),
                users,
                visits,
                new ProblemDocument.Published(assignments),
                problem.travel());
    }

    @Test
    void shouldPlaceUrgentVisitAndDropCancelledOneWhenChangedOnRunningSolver() throws Exception {
        MappedProblem mapped = CarePlanner.model(problem());
        CareSolverConfig.Options options = CareSolverConfig.Options.of(Duration.ofSeconds(3))
                .withEnvironmentMode(org.optaplanner.core.config.solver.EnvironmentMode.FULL_ASSERT);
        Solver<CareRota> solver =
                SolverFactory.<CareRota>create(CareSolverConfig.create(options)).buildSolver();
        Visit existing = mapped.rota().getVisits().get(0);
        Visit urgent = new Visit(
                "URGENT-2",
                existing.getServiceUser(),
                null,
                new TimeWindow(600, 660),
                600,
                20,
                List.of(),
                1,
                Priority.HIGH,
                existing.getDate(),
                0,
                0,
                Set.of(),
                Set.of(),
                0);
        solver.addProblemChange(ProblemChanges.cancelVisit("D2-P4-lunch"));
        solver.addProblemChange(ProblemChanges.addVisit(urgent));
        solver.addProblemChange(ProblemChanges.carerAbsent("K2", 0, 1440, "sickness"));
        // queued before solving begins, so they are applied at the first step, deterministically.
        // Known gap (see planner README): cancelVisit applied once the visit's slot is on a carer's
        // route fails in Bavet ("never inserted, so it cannot update"); the api re-plans through new
        // jobs (Replanner.prepare), never through changes to a running solver.
        CompletableFuture<CareRota> result = CompletableFuture.supplyAsync(() -> solver.solve(mapped.rota()));

        CareRota solved = result.get(30, TimeUnit.SECONDS);

        assertThat(solved.getSlots())
                .extracting(VisitSlot::getVisitId)
                .contains("URGENT-2")
                .doesNotContain("D2-P4-lunch");
        assertThat(solved.getSlots().stream().filter(slot -> slot.getVisitId().equals("URGENT-2")))
                .allMatch(VisitSlot::isAssigned);
        assertThat(solved.getSlots().stream()
                        .filter(slot -> "K2".equals(slot.getCarerId())
                                && slot.getVisit().getDayIndex() == 0))
                .isEmpty();
        assertThat(solved.getScore().hardScore()).isZero();
    }

    @Test
    void shouldCancelVisitAlreadyOnCarersRouteWhenChangedOnRunningSolver() throws Exception {
        MappedProblem mapped = CarePlanner.model(problem());
        CareSolverConfig.Options options = CareSolverConfig.Options.of(Duration.ofSeconds(2))
                .withEnvironmentMode(org.optaplanner.core.config.solver.EnvironmentMode.FULL_ASSERT);
        Solver<CareRota> solver =
                SolverFactory.<CareRota>create(CareSolverConfig.create(options)).buildSolver();
        // The first best solution (after construction) has visits on carers' routes: cancel one of them then, from
        // the listener, so that the change reaches the solver while it is still running (the solver restarts from its
        // best solution, on which that visit is on a route).
        CompletableFuture<String> onRoute = new CompletableFuture<>();
        solver.addEventListener(event -> {
            if (!onRoute.isDone() && event.getNewBestScore().isSolutionInitialized()) {
                event.getNewBestSolution().getSlots().stream()
                        .filter(slot -> slot.isAssigned() && slot.getTogether().size() == 1)
                        .findFirst()
                        .ifPresent(slot -> {
                            onRoute.complete(slot.getVisitId());
                            solver.addProblemChange(ProblemChanges.cancelVisit(slot.getVisitId()));
                        });
            }
        });

        CareRota solved = solver.solve(mapped.rota());

        String cancelled = onRoute.getNow("none sent");
        assertThat(cancelled).isNotEqualTo("none sent");

        assertThat(solved.getSlots()).extracting(VisitSlot::getVisitId).doesNotContain(cancelled);
        assertThat(solved.getShifts())
                .flatExtracting(CarerShift::getSlots)
                .extracting(VisitSlot::getVisitId)
                .doesNotContain(cancelled);
        assertThat(solved.getScore().hardScore()).isZero();
    }
}
