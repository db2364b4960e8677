package org.carerota.api.rota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class SolvedPlanTests {

    static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    static final String VISIT = UUID.randomUUID().toString();
    static final String OTHER = UUID.randomUUID().toString();
    static final String ANN = UUID.randomUUID().toString();
    static final String BOB = UUID.randomUUID().toString();

    @Test
    void shouldNumberTheSlotsOfADoubleUpAndKeepUnassignedReasonsWhenMappingASolution() {
        SolutionDocument solution = new SolutionDocument(
                1,
                "test",
                "0hard/-30medium/-1200soft",
                true,
                List.of(shift(ANN, VISIT), shift(BOB, VISIT)),
                List.of(new SolutionDocument.Unassigned(OTHER, List.of("no carer with medication is free"))),
                List.of(),
                Map.of("travelMinutes", 12.5));
        SolvedPlan plan = SolvedPlan.of(
                problem(), solution, Map.of(VISIT + "/" + BOB, new SolvedPlan.Kept(true, false, List.of())));

        assertThat(plan.hard()).isZero();
        assertThat(plan.medium()).isEqualTo(-30);
        assertThat(plan.soft()).isEqualTo(-1200);
        assertThat(plan.metricsJson()).isEqualTo("{\"travelMinutes\":12.5}");
        assertThat(plan.assignments()).extracting(SolvedPlan.Slot::slotIndex).containsExactly(0, 1);
        assertThat(plan.assignments()).extracting(SolvedPlan.Slot::pinned).containsExactly(false, true);
        assertThat(plan.assignments().get(0).start().toString()).isEqualTo("2026-11-23T09:00Z");
        assertThat(plan.unassigned()).singleElement().satisfies(missing -> {
            assertThat(missing.slotIndex()).isZero();
            assertThat(missing.reasons()).containsExactly("no carer with medication is free");
        });
    }

    @Test
    void shouldKeepOneRoutePerCarerAndDayWhenASplitShiftComesBackInTwoParts() {
        LocalDateTime morning = DAY.atTime(8, 0);
        LocalDateTime evening = DAY.atTime(17, 0);
        SolutionDocument.ShiftPlan early = new SolutionDocument.ShiftPlan(
                ANN,
                DAY,
                morning.minusMinutes(10),
                morning.plusMinutes(50),
                List.of(new SolutionDocument.PlannedVisit(VISIT, morning, morning, morning.plusMinutes(30), 10.0, 3.0)),
                20.0,
                6.0);
        SolutionDocument.ShiftPlan late = new SolutionDocument.ShiftPlan(
                ANN,
                DAY,
                evening.minusMinutes(5),
                evening.plusMinutes(45),
                List.of(new SolutionDocument.PlannedVisit(OTHER, evening, evening, evening.plusMinutes(30), 5.0, 1.0)),
                15.0,
                4.0);
        SolutionDocument solution = new SolutionDocument(
                1, "split", "0hard/0medium/-10soft", true, List.of(early, late), List.of(), List.of(), Map.of());

        SolvedPlan plan = SolvedPlan.of(problem(), solution, Map.of());

        assertThat(plan.routes()).singleElement().satisfies(route -> {
            assertThat(route.leaves().toString()).isEqualTo("2026-11-23T07:50Z");
            assertThat(route.returns().toString()).isEqualTo("2026-11-23T17:45Z");
            assertThat(route.travelToEnd()).isEqualTo(35.0);
        });
        assertThat(plan.assignments()).extracting(SolvedPlan.Slot::position).containsExactly(0, 1);
    }

    @Test
    void shouldReadTheScorePartsWhenTheScoreIsUninitialised() {
        assertThat(SolvedPlan.parts("[-2]0hard/-5medium/-7soft")).containsExactly(0, -5, -7);
        assertThat(SolvedPlan.parts("garbage")).containsExactly(0, 0, 0);
    }

    @Test
    void shouldEmitAnEmptyPlanWithoutSolvingWhenThereAreNoVisits() {
        ProblemDocument empty = new ProblemDocument(
                1,
                "empty",
                "Europe/London",
                new ProblemDocument.Horizon(DAY, DAY),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                ProblemDocument.Travel.straightLine(1.3));
        StepVerifier.create(Flux.just(empty)
                        .map(problem -> new RotaSolver().solve(problem, java.time.Duration.ofSeconds(1), score -> {})))
                .assertNext(solution -> {
                    assertThat(solution.score()).isEqualTo("0hard/0medium/0soft");
                    assertThat(solution.shifts()).isEmpty();
                })
                .verifyComplete();
    }

    static SolutionDocument.ShiftPlan shift(String carer, String visit) {
        LocalDateTime start = DAY.atTime(9, 0);
        return new SolutionDocument.ShiftPlan(
                carer,
                DAY,
                start.minusMinutes(10),
                start.plusMinutes(60),
                List.of(new SolutionDocument.PlannedVisit(
                        visit, start.minusMinutes(5), start, start.plusMinutes(30), 5.0, 2.0)),
                10.0,
                3.0);
    }

    static ProblemDocument problem() {
        return new ProblemDocument(
                1,
                "test",
                "Europe/London",
                new ProblemDocument.Horizon(DAY, DAY),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(visit(VISIT, 2), visit(OTHER, 1)),
                null,
                ProblemDocument.Travel.straightLine(1.3));
    }

    static ProblemDocument.Visit visit(String id, int carers) {
        return new ProblemDocument.Visit(
                id,
                "su",
                null,
                DAY.atTime(8, 0),
                DAY.atTime(10, 0),
                null,
                30.0,
                List.of(),
                carers,
                null,
                null,
                List.of(),
                null);
    }
}
