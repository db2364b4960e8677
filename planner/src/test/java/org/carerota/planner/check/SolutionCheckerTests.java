package org.carerota.planner.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.carerota.planner.check.SolutionChecker.Rule;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemJson;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.io.SolutionDocument.PlannedVisit;
import org.carerota.planner.io.SolutionDocument.ShiftPlan;
import org.carerota.planner.io.SolutionDocument.Unassigned;
import org.carerota.planner.io.SolutionJson;
import org.junit.jupiter.api.Test;

class SolutionCheckerTests {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 5);
    private static final String V1 = "V-000001-D1";
    private static final String V2 = "V-000002-D1";
    private static final String V3 = "V-000003-D1";
    private static final String AMAL = "C-0001";
    private static final String BEN = "C-0002";

    private static final String PROBLEM_JSON = resource("/problems/small-problem.json");
    private static final ProblemDocument PROBLEM = ProblemJson.read(PROBLEM_JSON);

    private static String resource(String name) {
        try (InputStream in = SolutionCheckerTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalDateTime at(int hour, int minute) {
        return DAY.atTime(hour, minute);
    }

    private static PlannedVisit visit(String id, LocalDateTime start, int minutes) {
        return new PlannedVisit(id, null, start, start.plusMinutes(minutes), null, null);
    }

    private static ShiftPlan shift(String carer, PlannedVisit... visits) {
        return new ShiftPlan(carer, DAY, null, null, List.of(visits), null, null);
    }

    private static Unassigned unassigned(String visit) {
        return new Unassigned(visit, List.of("test"));
    }

    private static SolutionDocument solution(boolean feasible, List<ShiftPlan> shifts, Unassigned... unassigned) {
        return new SolutionDocument(
                1, null, "0hard/0medium/0soft", feasible, shifts, List.of(unassigned), List.of(), Map.of());
    }

    /** The documented example, valid: V1 by Amal, V3 by Ben, V2 unassigned twice. */
    private static List<ShiftPlan> validShifts() {
        return new ArrayList<>(List.of(shift(AMAL, visit(V1, at(7, 30), 30)), shift(BEN, visit(V3, at(11, 30), 20))));
    }

    @Test
    void shouldAcceptEveryFigureWhenSolutionIsTheDocumentedExample() {
        SolutionDocument example = SolutionJson.read(resource("/problems/small-solution.json"));

        SolutionChecker.Report report = SolutionChecker.check(PROBLEM, example);

        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.metrics().travelMinutes()).isCloseTo(18.28, org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.metrics().unassignedPlaces()).isEqualTo(2);
        assertThat(report.metrics().unassignedVisits()).isEqualTo(1);
        assertThat(report.metrics().unassignedMinutes()).isEqualTo(90.0);
        assertThat(report.metrics().assignedPlaces()).isEqualTo(2);
        assertThat(report.describe()).contains("No hard rule broken.").contains("travelMinutes: 18.28");
    }

    @Test
    void shouldReportCoverageWhenAVisitPlaceIsMissingOrTwice() {
        SolutionChecker.Report missing = SolutionChecker.check(PROBLEM, solution(true, validShifts(), unassigned(V2)));
        List<ShiftPlan> twice = validShifts();
        twice.set(1, shift(BEN, visit(V3, at(11, 30), 20), visit(V3, at(12, 30), 20)));
        SolutionChecker.Report doubled =
                SolutionChecker.check(PROBLEM, solution(true, twice, unassigned(V2), unassigned(V2)));

        assertThat(missing.violationsOf(Rule.COVERAGE))
                .singleElement()
                .extracting(SolutionChecker.Violation::message)
                .isEqualTo("visit V-000002-D1 needs 2 carer(s) but appears 0 time(s) in shifts and 1 in unassigned");
        assertThat(missing.mismatches()).contains("feasible: reported true but 1 hard rule(s) broken");
        assertThat(doubled.violationsOf(Rule.COVERAGE)).hasSize(2);
    }

    @Test
    void shouldReportUnknownVisitsAndCarers() {
        List<ShiftPlan> shifts = validShifts();
        shifts.add(shift("C-9999", visit(V2, at(8, 0), 45)));
        shifts.add(shift(AMAL, visit("V-404", at(12, 0), 15)));

        SolutionChecker.Report report =
                SolutionChecker.check(PROBLEM, solution(false, shifts, unassigned(V2), unassigned(V2)));

        assertThat(report.violationsOf(Rule.UNKNOWN_REFERENCE)).hasSize(2);
    }

    @Test
    void shouldReportMissingSkillWhenCarerLacksItOrItExpired() {
        List<ShiftPlan> shifts = List.of(shift(BEN, visit(V1, at(7, 30), 30), visit(V3, at(11, 30), 20)));

        SolutionChecker.Report report =
                SolutionChecker.check(PROBLEM, solution(false, shifts, unassigned(V2), unassigned(V2)));
        ProblemDocument expired = ProblemJson.read(PROBLEM_JSON.replace("2026-06-30", "2026-01-04"));
        SolutionChecker.Report expiredReport =
                SolutionChecker.check(expired, solution(true, validShifts(), unassigned(V2), unassigned(V2)));

        assertThat(report.violationsOf(Rule.SKILL))
                .singleElement()
                .extracting(SolutionChecker.Violation::message)
                .isEqualTo("C-0002 at V-000001-D1: no medication in date on 2026-01-05");
        assertThat(expiredReport.violationsOf(Rule.SKILL)).hasSize(1);
    }

    @Test
    void shouldReportLatestStartOnlyForTimeCriticalVisits() {
        List<ShiftPlan> lateCritical =
                List.of(shift(AMAL, visit(V1, at(8, 45), 30)), shift(BEN, visit(V3, at(11, 30), 20)));
        List<ShiftPlan> lateNormal =
                List.of(shift(AMAL, visit(V1, at(7, 30), 30)), shift(BEN, visit(V3, at(13, 32), 20)));

        SolutionChecker.Report critical =
                SolutionChecker.check(PROBLEM, solution(false, lateCritical, unassigned(V2), unassigned(V2)));
        SolutionChecker.Report normal =
                SolutionChecker.check(PROBLEM, solution(true, lateNormal, unassigned(V2), unassigned(V2)));

        assertThat(critical.violationsOf(Rule.LATEST_START)).hasSize(1);
        assertThat(normal.violations()).isEmpty();
        assertThat(normal.metrics().lateStarts()).isEqualTo(1);
        assertThat(normal.metrics().lateMinutes()).isEqualTo(2.0);
    }

    @Test
    void shouldReportStartBeforeWindowAndWrongDuration() {
        List<ShiftPlan> shifts = List.of(shift(AMAL, visit(V1, at(7, 10), 30)), shift(BEN, visit(V3, at(11, 30), 10)));

        SolutionChecker.Report report =
                SolutionChecker.check(PROBLEM, solution(false, shifts, unassigned(V2), unassigned(V2)));

        assertThat(report.violationsOf(Rule.WINDOW_START)).hasSize(1);
        assertThat(report.violationsOf(Rule.DURATION)).hasSize(1);
    }

    @Test
    void shouldReportTravelTimeAndOverlapBetweenConsecutiveVisits() {
        // Ben cycles 7.8 min from SU-001 to SU-002 and back; V3 ends 11:50, the next visit cannot start at 11:52.
        ProblemDocument relaxed = ProblemJson.read(PROBLEM_JSON
                .replace("\"carersRequired\": 2", "\"carersRequired\": 1")
                .replace("\"bannedCarers\": [\"C-0001\"]", "\"bannedCarers\": []")
                .replace(
                        "\"windowStart\": \"2026-01-05T08:00\", \"windowEnd\": \"2026-01-05T09:30\"",
                        "\"windowStart\": \"2026-01-05T08:00\", \"windowEnd\": \"2026-01-05T13:30\""));
        List<ShiftPlan> tooSoon = List.of(
                shift(AMAL, visit(V1, at(7, 30), 30)),
                shift(BEN, visit(V3, at(11, 30), 20), visit(V2, at(11, 52), 45)));
        List<ShiftPlan> overlapping = List.of(
                shift(AMAL, visit(V1, at(7, 30), 30)),
                shift(BEN, visit(V3, at(11, 30), 20), visit(V2, at(11, 40), 45)));

        assertThat(SolutionChecker.check(relaxed, solution(false, tooSoon)).violationsOf(Rule.TRAVEL_TIME))
                .hasSize(1);
        assertThat(SolutionChecker.check(relaxed, solution(false, overlapping)).violationsOf(Rule.OVERLAP))
                .hasSize(1);
    }

    @Test
    void shouldReportACarerAtTwoVisitsAtOnceAcrossTwoShifts() {
        List<ShiftPlan> shifts = List.of(
                shift(AMAL, visit(V1, at(7, 30), 30)),
                shift(BEN, visit(V3, at(11, 30), 20)),
                shift(AMAL, visit(V3, at(7, 45), 20)));

        SolutionChecker.Report report =
                SolutionChecker.check(PROBLEM, solution(false, shifts, unassigned(V2), unassigned(V2)));

        assertThat(report.violationsOf(Rule.OVERLAP))
                .singleElement()
                .extracting(SolutionChecker.Violation::message)
                .isEqualTo("C-0001 is at V-000001-D1 until 2026-01-05T08:00 and at V-000003-D1 from 2026-01-05T07:45");
    }

    @Test
    void shouldReportDoubleUpStartingApartBannedCarerAndPool() {
        List<ShiftPlan> shifts = List.of(
                shift(AMAL, visit(V1, at(7, 30), 30), visit(V2, at(8, 10), 45)),
                shift(BEN, visit(V2, at(8, 30), 45), visit(V3, at(11, 30), 20)));

        SolutionChecker.Report report = SolutionChecker.check(PROBLEM, solution(false, shifts));

        assertThat(report.violationsOf(Rule.DOUBLE_UP))
                .singleElement()
                .extracting(SolutionChecker.Violation::message, org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("carers of V-000002-D1 start apart");
        assertThat(report.violationsOf(Rule.BANNED))
                .singleElement()
                .extracting(SolutionChecker.Violation::carer)
                .isEqualTo(AMAL);
        assertThat(report.violationsOf(Rule.POOL))
                .singleElement()
                .extracting(SolutionChecker.Violation::message)
                .isEqualTo("C-0001 at V-000002-D1: pool P-SC does not serve ICB");
    }

    @Test
    void shouldReportDependencyServedBySameCarerOrTooSoon() {
        List<ShiftPlan> sameCarer = List.of(shift(AMAL, visit(V1, at(7, 30), 30), visit(V3, at(11, 30), 20)));
        ProblemDocument longGap =
                ProblemJson.read(PROBLEM_JSON.replace("\"minGapMinutes\": 180", "\"minGapMinutes\": 300"));

        SolutionChecker.Report same =
                SolutionChecker.check(PROBLEM, solution(false, sameCarer, unassigned(V2), unassigned(V2)));
        SolutionChecker.Report soon =
                SolutionChecker.check(longGap, solution(false, validShifts(), unassigned(V2), unassigned(V2)));

        assertThat(same.violationsOf(Rule.DEPENDENCY))
                .singleElement()
                .extracting(SolutionChecker.Violation::message)
                .isEqualTo("V-000003-D1 and V-000001-D1 must be served by different carers, both by C-0001");
        assertThat(soon.violationsOf(Rule.DEPENDENCY))
                .singleElement()
                .extracting(SolutionChecker.Violation::message)
                .isEqualTo("V-000003-D1 starts 240 min after V-000001-D1, outside 300 to any min");
    }

    @Test
    void shouldReportAbsenceAndVisitsOutsideTheShift() {
        List<ShiftPlan> inAbsence =
                List.of(shift(AMAL, visit(V1, at(7, 30), 30)), shift(BEN, visit(V3, at(12, 15), 20)));
        ProblemDocument lateShift = ProblemJson.read(PROBLEM_JSON.replace(
                "{\"start\": \"2026-01-05T07:00\", \"end\": \"2026-01-05T14:00\"}",
                "{\"start\": \"2026-01-05T07:30\", \"end\": \"2026-01-05T14:00\"}"));

        SolutionChecker.Report absent =
                SolutionChecker.check(PROBLEM, solution(false, inAbsence, unassigned(V2), unassigned(V2)));
        SolutionChecker.Report early =
                SolutionChecker.check(lateShift, solution(false, validShifts(), unassigned(V2), unassigned(V2)));

        assertThat(absent.violationsOf(Rule.ABSENCE))
                .singleElement()
                .extracting(SolutionChecker.Violation::message, org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("(training)");
        assertThat(early.violationsOf(Rule.SHIFT))
                .singleElement()
                .extracting(SolutionChecker.Violation::message, org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("C-0001 must leave at 2026-01-05T07:28:40 for the first visit");
    }

    @Test
    void shouldReportMaximumWorkingTimeRestBreakAndMinimumWage() {
        ProblemDocument strict = ProblemJson.read(PROBLEM_JSON
                .replace("\"maxWorkingMinutesPerDay\": 600", "\"maxWorkingMinutesPerDay\": 20")
                .replace("\"rate\": 9.5", "\"rate\": 3")
                .replace("\"weights\"", "\"restBreakAfterMinutes\": 10, \"weights\""));

        SolutionChecker.Report report =
                SolutionChecker.check(strict, solution(true, validShifts(), unassigned(V2), unassigned(V2)));

        assertThat(report.violationsOf(Rule.MAX_WORKING_TIME))
                .singleElement()
                .extracting(SolutionChecker.Violation::message)
                .isEqualTo("C-0001 works 33 min on 2026-01-05, more than the maximum 20");
        assertThat(report.violationsOf(Rule.REST_BREAK)).hasSize(2);
        assertThat(report.violationsOf(Rule.MINIMUM_WAGE))
                .singleElement()
                .extracting(SolutionChecker.Violation::message)
                .isEqualTo("C-0002 earns £9.00 an hour on 2026-01-05 (£3.00 over 0.33 h), below the minimum £12.21");
    }

    @Test
    void shouldReportPinnedCarerNotAssigned() {
        ProblemDocument pinned = ProblemJson.read(PROBLEM_JSON.replace(
                "\"priority\": \"LOW\",", "\"priority\": \"LOW\", \"pinnedCarers\": [\"C-0001\"],"));

        SolutionChecker.Report report =
                SolutionChecker.check(pinned, solution(false, validShifts(), unassigned(V2), unassigned(V2)));

        assertThat(report.violationsOf(Rule.PINNED)).hasSize(1);
    }

    @Test
    void shouldReportMisreportedTravelAndMetrics() {
        SolutionDocument example = SolutionJson.read(resource("/problems/small-solution.json")
                .replace("\"travelMinutesBefore\": 7.82", "\"travelMinutesBefore\": 3")
                .replace("\"travelMinutes\": 18.28", "\"travelMinutes\": 9")
                .replace("\"unassignedMinutes\": 90", "\"unassignedMinutes\": 45"));

        SolutionChecker.Report report = SolutionChecker.check(PROBLEM, example);

        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches())
                .containsExactly(
                        "C-0002 at V-000003-D1: travelMinutesBefore reported 3.00, recomputed 7.82",
                        "metrics.travelMinutes: reported 9, recomputed 18.28",
                        "metrics.unassignedMinutes: reported 45, recomputed 90.00");
    }

    @Test
    void shouldReportArrivalAndLeavingTimesThatDisagree() {
        SolutionDocument example = SolutionJson.read(resource("/problems/small-solution.json")
                .replace("\"arrival\": \"2026-01-05T07:30\"", "\"arrival\": \"2026-01-05T07:02\"")
                .replace("\"end\": \"2026-01-05T11:57:49\"", "\"end\": \"2026-01-05T12:30\""));

        SolutionChecker.Report report = SolutionChecker.check(PROBLEM, example);

        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches())
                .containsExactly(
                        "C-0001 at V-000001-D1: reported arrival 2026-01-05T07:02 is before the earliest possible"
                                + " 2026-01-05T07:30 (leaves at 2026-01-05T07:28:41, 1.3 min travel)",
                        "C-0002 on 2026-01-05: reported end (back) 2026-01-05T12:30, recomputed 2026-01-05T11:57:49");
    }

    @Test
    void shouldCountIncompleteDoubleUpsWithoutCallingThemViolations() {
        List<ShiftPlan> shifts = List.of(shift(AMAL, visit(V1, at(7, 30), 30)), shift(BEN, visit(V2, at(8, 0), 45)));

        SolutionChecker.Report report =
                SolutionChecker.check(PROBLEM, solution(true, shifts, unassigned(V2), unassigned(V3)));

        assertThat(report.violations()).isEmpty();
        assertThat(report.metrics().incompleteDoubleUps()).isEqualTo(1);
        assertThat(report.metrics().unassignedPlaces()).isEqualTo(2);
    }

    @Test
    void shouldRecomputePlanarAndMatrixTravel() {
        ProblemDocument.Travel planar = ProblemDocument.Travel.planar(2.0);
        ProblemDocument.Travel matrix = ProblemDocument.Travel.matrix(
                List.of("a", "b"),
                List.of(List.of(0.0, 7.0), List.of(9.0, 0.0)),
                List.of(List.of(0.0, 3.0), List.of(3.5, 0.0)));

        IndependentTravel flat = new IndependentTravel(planar);
        IndependentTravel table = new IndependentTravel(matrix);

        assertThat(flat.km(ProblemDocument.Location.ofXy(0, 0), ProblemDocument.Location.ofXy(3, 4)))
                .isEqualTo(5.0);
        assertThat(flat.minutes(
                        ProblemDocument.Location.ofXy(0, 0),
                        ProblemDocument.Location.ofXy(3, 4),
                        org.carerota.planner.io.TravelMode.WALK))
                .isEqualTo(2.5);
        assertThat(table.minutes(
                        ProblemDocument.Location.ofPoint("b"),
                        ProblemDocument.Location.ofPoint("a"),
                        org.carerota.planner.io.TravelMode.CAR))
                .isEqualTo(9.0);
        assertThat(table.km(ProblemDocument.Location.ofPoint("a"), ProblemDocument.Location.ofPoint("b")))
                .isEqualTo(3.0);
    }

    @Test
    void shouldUseHaversineTimesDetourAtModeSpeed() {
        IndependentTravel defaults = new IndependentTravel(ProblemDocument.Travel.straightLine(1.3));
        ProblemDocument.Location norwich = ProblemDocument.Location.ofLatLon(52.6309, 1.2974);
        ProblemDocument.Location yarmouth = ProblemDocument.Location.ofLatLon(52.6083, 1.7305);

        double km = defaults.km(norwich, yarmouth);

        assertThat(IndependentTravel.haversineKm(52.6309, 1.2974, 52.6083, 1.7305))
                .isBetween(29.0, 29.6);
        assertThat(km).isEqualTo(1.3 * IndependentTravel.haversineKm(52.6309, 1.2974, 52.6083, 1.7305));
        assertThat(defaults.minutes(norwich, yarmouth, org.carerota.planner.io.TravelMode.CAR))
                .isEqualTo(km / 30.0 * 60.0);
        assertThat(defaults.minutes(norwich, yarmouth, org.carerota.planner.io.TravelMode.WALK))
                .isEqualTo(km / 4.8 * 60.0);
    }
}
