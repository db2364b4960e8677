package org.carerota.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemJson;
import org.carerota.planner.io.SolutionDocument;
import org.junit.jupiter.api.Test;

class CarePlannerTests {

    static ProblemDocument problem(String name) {
        try (InputStream in = Objects.requireNonNull(
                CarePlannerTests.class.getResourceAsStream("/org/carerota/planner/smoke/" + name + ".json"))) {
            return ProblemJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemDocument withoutCarers(ProblemDocument p) {
        return new ProblemDocument(
                p.schemaVersion(),
                p.name(),
                p.timezone(),
                p.horizon(),
                p.settings(),
                p.skills(),
                p.commissioners(),
                p.pools(),
                List.of(),
                p.serviceUsers().stream()
                        .map(su -> new ProblemDocument.ServiceUser(
                                su.id(),
                                su.name(),
                                su.location(),
                                su.area(),
                                su.genderPreference(),
                                List.of(),
                                List.of(),
                                List.of()))
                        .toList(),
                p.visits(),
                null,
                p.travel());
    }

    @Test
    void shouldReturnEveryVisitUnassignedWithReasonWhenNoCarers() {
        ProblemDocument problem = withoutCarers(problem("norwich-day"));

        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.seconds(1));

        assertThat(solution.shifts()).isEmpty();
        int slots = problem.visits().stream()
                .mapToInt(ProblemDocument.Visit::carersRequired)
                .sum();
        assertThat(solution.unassigned()).hasSize(slots);
        assertThat(solution.unassigned())
                .allSatisfy(
                        unassigned -> assertThat(unassigned.reasons().get(0)).startsWith("no carer has a shift on"));
        assertThat(solution.feasible()).isTrue();
        assertThat(solution.metrics()).containsEntry("unassignedVisits", slots);
    }

    @Test
    void shouldReturnAnEmptyFeasibleRotaWhenThereAreNoVisits() {
        ProblemDocument full = problem("norwich-day");
        ProblemDocument problem = new ProblemDocument(
                full.schemaVersion(),
                full.name(),
                full.timezone(),
                full.horizon(),
                full.settings(),
                full.skills(),
                full.commissioners(),
                full.pools(),
                full.carers(),
                full.serviceUsers(),
                List.of(),
                null,
                full.travel());

        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.seconds(1));

        assertThat(solution.unassigned()).isEmpty();
        assertThat(solution.shifts())
                .allSatisfy(shift -> assertThat(shift.visits()).isEmpty());
        assertThat(solution.feasible()).isTrue();
        assertThat(solution.score()).isEqualTo("0hard/0medium/0soft");
    }

    @Test
    void shouldPlaceEveryVisitOnceAndStartDoubleUpTogetherWhenSolved() {
        ProblemDocument problem = problem("norwich-day");

        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.seconds(2));

        assertThat(solution.feasible()).isTrue();
        assertThat(solution.score()).startsWith("0hard/0medium/");
        Map<String, List<SolutionDocument.PlannedVisit>> byVisit = new java.util.HashMap<>();
        solution.shifts().forEach(shift -> shift.visits()
                .forEach(visit -> byVisit.computeIfAbsent(visit.visit(), key -> new java.util.ArrayList<>())
                        .add(visit)));
        for (ProblemDocument.Visit visit : problem.visits()) {
            assertThat(byVisit.get(visit.id())).as(visit.id()).hasSize(visit.carersRequired());
            assertThat(byVisit.get(visit.id()).stream()
                            .map(SolutionDocument.PlannedVisit::start)
                            .distinct())
                    .hasSize(1);
        }
        assertThat(solution.metrics())
                .containsKeys(
                        "travelMinutes",
                        "travelKm",
                        "workingMinutes",
                        "idleMinutes",
                        "paidMinutes",
                        "unpaidMinutes",
                        "visitsPerCarer",
                        "distinctCarersPerServiceUserWeek",
                        "crossPoolMinutes",
                        "lateStarts",
                        "unassignedMinutesByReason",
                        "effectiveHourlyPay",
                        "constraints");
    }

    @Test
    void shouldListChangesAgainstPublishedPlanWhenReplanning() {
        ProblemDocument problem = problem("two-days-matrix");

        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.seconds(2));

        assertThat(solution.feasible()).isTrue();
        // every change names a visit of the published plan or a visit newly assigned
        assertThat(solution.changes()).allSatisfy(change -> assertThat(change.from() != null || change.to() != null)
                .isTrue());
        assertThat(solution.changes().size()).isLessThan(problem.visits().size());
    }

    @Test
    void shouldExplainEveryAssignmentWithConstraintsWhenAskedForExplanation() {
        ProblemDocument problem = problem("norwich-day");
        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.seconds(1));

        CarePlanner.RotaExplanation explanation = CarePlanner.explain(problem, solution);

        assertThat(explanation.score()).isEqualTo(solution.score());
        assertThat(explanation.constraints()).containsKey("travelTime");
        assertThat(explanation.byVisit()).isNotEmpty();
    }

    @Test
    void shouldSatisfyIndependentCheckerWhenCarerWorksSplitDay() {
        ProblemDocument original = problem("norwich-day");
        List<ProblemDocument.Carer> carers = new java.util.ArrayList<>();
        for (ProblemDocument.Carer c : original.carers()) {
            List<ProblemDocument.Shift> shifts = c.id().equals("C1")
                    ? List.of(
                            new ProblemDocument.Shift(
                                    java.time.LocalDateTime.of(2026, 3, 2, 7, 0),
                                    java.time.LocalDateTime.of(2026, 3, 2, 10, 0)),
                            new ProblemDocument.Shift(
                                    java.time.LocalDateTime.of(2026, 3, 2, 11, 30),
                                    java.time.LocalDateTime.of(2026, 3, 2, 15, 0)))
                    : c.shifts();
            carers.add(new ProblemDocument.Carer(
                    c.id(),
                    c.name(),
                    c.pool(),
                    c.gender(),
                    c.home(),
                    c.travelMode(),
                    c.skills(),
                    shifts,
                    c.absences(),
                    c.contractedMinutesPerWeek(),
                    c.maxWorkingMinutesPerDay(),
                    c.pay(),
                    c.capacity()));
        }
        ProblemDocument problem = new ProblemDocument(
                original.schemaVersion(),
                original.name(),
                original.timezone(),
                original.horizon(),
                original.settings(),
                original.skills(),
                original.commissioners(),
                original.pools(),
                carers,
                original.serviceUsers(),
                original.visits(),
                null,
                original.travel());

        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.seconds(2));

        assertThat(solution.shifts().stream().filter(shift -> shift.carer().equals("C1")))
                .hasSize(2);
        org.carerota.planner.check.SolutionChecker.Report report =
                org.carerota.planner.check.SolutionChecker.check(problem, solution);
        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void shouldRejectInvalidProblemWithoutSolving() {
        ProblemDocument good = problem("norwich-day");
        ProblemDocument.Visit visit = good.visits().get(0);
        ProblemDocument.Visit broken = new ProblemDocument.Visit(
                visit.id(),
                "nobody",
                visit.commissioner(),
                visit.windowStart(),
                visit.windowEnd(),
                visit.preferredStart(),
                visit.durationMinutes(),
                visit.requiredSkills(),
                visit.carersRequired(),
                visit.dependsOn(),
                visit.priority(),
                visit.pinnedCarers(),
                visit.demand());
        ProblemDocument bad = new ProblemDocument(
                good.schemaVersion(),
                good.name(),
                good.timezone(),
                good.horizon(),
                good.settings(),
                good.skills(),
                good.commissioners(),
                good.pools(),
                good.carers(),
                good.serviceUsers(),
                List.of(broken),
                null,
                good.travel());

        assertThatThrownBy(() -> CarePlanner.solve(bad, SolveOptions.seconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody");
    }

    @Test
    void shouldKeepAShareOfTheLimitForThePolishAndTheDocumentWhenTheConstructionLeftLittle() {
        // L on an idle machine: construction 17 s, 600 of 10,000 visits unassigned
        assertThat(CarePlanner.finishMillis(Duration.ofSeconds(120), 17_000, 600, 10_000))
                .isEqualTo(6_000);
        assertThat(CarePlanner.searchMillis(Duration.ofSeconds(120), 18_000, false, 6_000))
                .isEqualTo(96_000);
    }

    @Test
    void shouldKeepMoreForThePolishWhenTheConstructionWasSlowAndLeftMuchUnassigned() {
        // L on a loaded machine: construction 74 s, 800 of 10,000 unassigned: 4 x 74 s x 8 %
        assertThat(CarePlanner.finishMillis(Duration.ofSeconds(120), 74_000, 800, 10_000))
                .isEqualTo(23_680);
        // never more than a quarter of the limit, and local search always gets its minimum
        assertThat(CarePlanner.finishMillis(Duration.ofSeconds(120), 200_000, 5_000, 10_000))
                .isEqualTo(30_000);
        assertThat(CarePlanner.searchMillis(Duration.ofSeconds(2), 2_500, true, 60))
                .isEqualTo(CarePlanner.MIN_SEARCH_MILLIS);
        assertThat(CarePlanner.polishDeadlineNanos(0, Duration.ofSeconds(10), 1_000))
                .isEqualTo(9_400_000_000L);
    }
}
