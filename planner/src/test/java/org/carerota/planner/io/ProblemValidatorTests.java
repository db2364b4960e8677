package org.carerota.planner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProblemValidatorTests {

    private static final String EXAMPLE = ProblemJsonTests.resource("/problems/small-problem.json");

    private static List<String> errorsAfter(String target, String replacement) {
        assertThat(EXAMPLE).contains(target);
        return ProblemValidator.validate(ProblemJson.parse(EXAMPLE.replace(target, replacement)));
    }

    @Test
    void shouldFindNoErrorWhenProblemIsTheDocumentedExample() {
        assertThat(ProblemValidator.validate(ProblemJson.parse(EXAMPLE))).isEmpty();
    }

    @Test
    void shouldRejectUnsupportedSchemaVersion() {
        assertThat(errorsAfter("\"schemaVersion\": 1", "\"schemaVersion\": 2"))
                .containsExactly("schemaVersion: 2 is not supported (expected 1)");
    }

    @Test
    void shouldRejectUnknownTimezone() {
        assertThat(errorsAfter("Europe/London", "Europe/Norwich"))
                .containsExactly("timezone: unknown time zone 'Europe/Norwich'");
    }

    @Test
    void shouldRejectHorizonEndingBeforeItStarts() {
        assertThat(errorsAfter("\"to\": \"2026-01-05\"", "\"to\": \"2026-01-04\""))
                .contains("horizon.to: 2026-01-04 is before horizon.from 2026-01-05");
    }

    @Test
    void shouldRejectUnknownSkillCodeOnAVisit() {
        assertThat(errorsAfter("\"requiredSkills\": [\"hoist\"]", "\"requiredSkills\": [\"hoists\"]"))
                .containsExactly("visits[1] (V-000002-D1).requiredSkills: unknown skill 'hoists'");
    }

    @Test
    void shouldRejectUnknownSkillCodeOnACarer() {
        assertThat(errorsAfter("{\"code\": \"personal-care\"}, {\"code\": \"hoist\"}", "{\"code\": \"x-ray\"}"))
                .containsExactly("carers[1] (C-0002).skills[0].code: unknown skill 'x-ray'");
    }

    private static final String AMAL_SHIFT =
            "\"shifts\": [{\"start\": \"2026-01-05T07:00\", \"end\": \"2026-01-05T14:00\"}]";

    @Test
    void shouldAcceptStartedVisitsOnAShiftAndADependencyOnOne() {
        String started = "\"shifts\": [{\"start\": \"2026-01-05T07:00\", \"end\": \"2026-01-05T14:00\", \"started\": ["
                + "{\"visit\": \"V-0\", \"location\": {\"lat\": 52.63, \"lon\": 1.29}, \"start\": \"2026-01-05T07:30\","
                + " \"end\": \"2026-01-05T08:00\"}]}]";
        String problem = EXAMPLE.replace(AMAL_SHIFT, started)
                .replace(
                        "\"carersRequired\": 2",
                        "\"carersRequired\": 2, \"dependsOn\": {\"visit\": \"V-0\", \"minGapMinutes\": 60}");
        assertThat(problem).contains("\"dependsOn\": {\"visit\": \"V-0\"");
        assertThat(ProblemValidator.validate(ProblemJson.parse(problem))).isEmpty();
    }

    @Test
    void shouldRejectStartedVisitEndingBeforeItStarts() {
        assertThat(errorsAfter(
                        AMAL_SHIFT,
                        "\"shifts\": [{\"start\": \"2026-01-05T07:00\", \"end\": \"2026-01-05T14:00\", \"started\": ["
                                + "{\"visit\": \"V-0\", \"location\": {\"lat\": 52.63, \"lon\": 1.29},"
                                + " \"start\": \"2026-01-05T08:00\", \"end\": \"2026-01-05T07:30\"}]}]"))
                .containsExactly("carers[0] (C-0001).shifts[0].started[0] (V-0).end: 2026-01-05T07:30 is before start"
                        + " 2026-01-05T08:00");
    }

    @Test
    void shouldRejectWindowEndBeforeWindowStart() {
        assertThat(errorsAfter("\"windowEnd\": \"2026-01-05T09:30\"", "\"windowEnd\": \"2026-01-05T07:30\""))
                .containsExactly(
                        "visits[1] (V-000002-D1).windowEnd: 2026-01-05T07:30 is before windowStart 2026-01-05T08:00");
    }

    @Test
    void shouldRejectVisitOutsideTheHorizon() {
        assertThat(errorsAfter(
                        "\"windowStart\": \"2026-01-05T08:00\", \"windowEnd\": \"2026-01-05T09:30\"",
                        "\"windowStart\": \"2026-01-06T08:00\", \"windowEnd\": \"2026-01-06T09:30\""))
                .containsExactly("visits[1] (V-000002-D1).windowStart: 2026-01-06T08:00 is outside the horizon"
                        + " 2026-01-05 to 2026-01-05");
    }

    @Test
    void shouldRejectDurationOfZeroOrLess() {
        assertThat(errorsAfter("\"durationMinutes\": 45", "\"durationMinutes\": 0"))
                .containsExactly("visits[1] (V-000002-D1).durationMinutes: must be more than 0, found 0");
        assertThat(errorsAfter("\"durationMinutes\": 45", "\"durationMinutes\": -5"))
                .containsExactly("visits[1] (V-000002-D1).durationMinutes: must be more than 0, found -5");
    }

    @Test
    void shouldRejectCarersRequiredOutsideOneToFour() {
        assertThat(errorsAfter("\"carersRequired\": 2", "\"carersRequired\": 5"))
                .containsExactly("visits[1] (V-000002-D1).carersRequired: must be 1 to 4, found 5");
        assertThat(errorsAfter("\"carersRequired\": 2", "\"carersRequired\": 0"))
                .containsExactly("visits[1] (V-000002-D1).carersRequired: must be 1 to 4, found 0");
    }

    @Test
    void shouldRejectReferenceToUnknownServiceUser() {
        assertThat(errorsAfter("\"serviceUser\": \"SU-002\"", "\"serviceUser\": \"SU-999\""))
                .containsExactly("visits[1] (V-000002-D1).serviceUser: unknown service user 'SU-999'");
    }

    @Test
    void shouldRejectReferencesToUnknownCarers() {
        assertThat(errorsAfter("\"bannedCarers\": [\"C-0001\"]", "\"bannedCarers\": [\"C-0009\"]"))
                .containsExactly("serviceUsers[1] (SU-002).bannedCarers: unknown carer 'C-0009'");
        assertThat(errorsAfter("\"regularCarers\": [\"C-0001\"]", "\"regularCarers\": [\"C-7\"]"))
                .containsExactly("serviceUsers[0] (SU-001).regularCarers: unknown carer 'C-7'");
        assertThat(errorsAfter("\"priority\": \"LOW\",", "\"priority\": \"LOW\", \"pinnedCarers\": [\"C-8\"],"))
                .containsExactly("visits[2] (V-000003-D1).pinnedCarers: unknown carer 'C-8'");
    }

    @Test
    void shouldRejectMorePinnedCarersThanRequired() {
        assertThat(errorsAfter(
                        "\"priority\": \"LOW\",", "\"priority\": \"LOW\", \"pinnedCarers\": [\"C-0001\", \"C-0002\"],"))
                .containsExactly("visits[2] (V-000003-D1).pinnedCarers: 2 carers pinned but only 1 required");
    }

    @Test
    void shouldRejectReferencesToUnknownPoolsAndCommissioners() {
        assertThat(errorsAfter("\"pool\": \"P-SC\"", "\"pool\": \"P-XX\""))
                .containsExactly("carers[0] (C-0001).pool: unknown pool 'P-XX'");
        assertThat(errorsAfter("\"serves\": [\"NCC\"]", "\"serves\": [\"SCC\"]"))
                .containsExactly("pools[0] (P-SC).serves: unknown commissioner 'SCC'");
        assertThat(errorsAfter("\"commissioner\": \"ICB\"", "\"commissioner\": \"CCG\""))
                .containsExactly("visits[1] (V-000002-D1).commissioner: unknown commissioner 'CCG'");
    }

    @Test
    void shouldRejectDependencyOnUnknownVisitOrGapsOutOfOrder() {
        assertThat(errorsAfter(
                        "\"visit\": \"V-000001-D1\", \"minGapMinutes\"", "\"visit\": \"V-9\", \"minGapMinutes\""))
                .containsExactly("visits[2] (V-000003-D1).dependsOn.visit: unknown visit 'V-9'");
        assertThat(errorsAfter("\"minGapMinutes\": 180", "\"minGapMinutes\": 180, \"maxGapMinutes\": 60"))
                .containsExactly("visits[2] (V-000003-D1).dependsOn.maxGapMinutes: 60 is less than minGapMinutes 180");
        assertThat(errorsAfter(
                        "\"visit\": \"V-000001-D1\", \"minGapMinutes\"",
                        "\"visit\": \"V-000003-D1\", \"minGapMinutes\""))
                .containsExactly("visits[2] (V-000003-D1).dependsOn.visit: a visit cannot depend on itself");
    }

    @Test
    void shouldRejectDuplicateIds() {
        assertThat(errorsAfter("\"id\": \"V-000003-D1\"", "\"id\": \"V-000001-D1\""))
                .contains("visits[2] (V-000001-D1).id: duplicate id (first at visits[0])");
        assertThat(errorsAfter("\"id\": \"C-0002\"", "\"id\": \"C-0001\""))
                .containsExactly("carers[1] (C-0001).id: duplicate id (first at carers[0])");
        assertThat(errorsAfter(
                        "{\"code\": \"hoist\", \"name\": \"Hoist\"", "{\"code\": \"medication\", \"name\": \"Hoist\""))
                .contains("skills[2] (medication).code: duplicate code (first at skills[1])");
    }

    @Test
    void shouldRejectShiftsAndAbsencesEndingBeforeTheyStart() {
        assertThat(errorsAfter(
                        "{\"start\": \"2026-01-05T07:00\", \"end\": \"2026-01-05T14:00\"}",
                        "{\"start\": \"2026-01-05T14:00\", \"end\": \"2026-01-05T07:00\"}"))
                .containsExactly(
                        "carers[0] (C-0001).shifts[0].end: 2026-01-05T07:00 is not after start 2026-01-05T14:00");
        assertThat(errorsAfter(
                        "\"end\": \"2026-01-05T13:00\", \"reason\"", "\"end\": \"2026-01-05T11:00\", \"reason\""))
                .containsExactly(
                        "carers[1] (C-0002).absences[0].end: 2026-01-05T11:00 is not after start 2026-01-05T12:00");
    }

    @Test
    void shouldRejectOverlappingShiftsOfOneCarer() {
        assertThat(errorsAfter(
                        "[{\"start\": \"2026-01-05T07:00\", \"end\": \"2026-01-05T14:00\"}]",
                        "[{\"start\": \"2026-01-05T07:00\", \"end\": \"2026-01-05T14:00\"},"
                                + " {\"start\": \"2026-01-05T13:00\", \"end\": \"2026-01-05T18:00\"}]"))
                .containsExactly("carers[0] (C-0001).shifts: shift 2026-01-05T13:00–2026-01-05T18:00 overlaps shift"
                        + " 2026-01-05T07:00–2026-01-05T14:00");
    }

    @Test
    void shouldRejectMissingCoordinatesForTheTravelModel() {
        assertThat(errorsAfter("{\"lat\": 52.6200, \"lon\": 1.3100}", "{\"postcode\": \"NR1 1AA\"}"))
                .containsExactly(
                        "serviceUsers[1] (SU-002).location: lat and lon are required by the STRAIGHT_LINE travel model");
        assertThat(errorsAfter(
                        "\"home\": {\"lat\": 52.6309, \"lon\": 1.2974}", "\"home\": {\"lat\": 152.6, \"lon\": 1.2}"))
                .containsExactly("carers[0] (C-0001).home.lat: 152.6 is not a latitude (-90 to 90)");
    }

    @Test
    void shouldRequirePlanarCoordinatesWhenTravelIsPlanar() {
        List<String> errors = errorsAfter(
                "\"travel\": {\"model\": \"STRAIGHT_LINE\", \"detourFactor\": 1.3, \"speedsKmh\": {\"CAR\": 40}}",
                "\"travel\": {\"model\": \"PLANAR\", \"unitsPerMinute\": 0}");

        assertThat(errors)
                .contains("travel.unitsPerMinute: must be more than 0, found 0")
                .contains("carers[0] (C-0001).home: x and y are required by the PLANAR travel model")
                .hasSize(5);
    }

    @Test
    void shouldRejectBadTravelSettings() {
        assertThat(errorsAfter(
                        "\"detourFactor\": 1.3, \"speedsKmh\": {\"CAR\": 40}",
                        "\"detourFactor\": 0.5, \"speedsKmh\": {\"HORSE\": 12, \"CAR\": 0}"))
                .containsExactly(
                        "travel.detourFactor: must be at least 1, found 0.5",
                        "travel.speedsKmh.HORSE: unknown travel mode (expected one of [WALK, BICYCLE, CAR, PUBLIC_TRANSPORT])",
                        "travel.speedsKmh.CAR: must be more than 0, found 0");
    }

    @Test
    void shouldCheckMatrixShapeAndPoints() {
        String matrix = EXAMPLE.replace(
                        "\"travel\": {\"model\": \"STRAIGHT_LINE\", \"detourFactor\": 1.3, \"speedsKmh\": {\"CAR\": 40}}",
                        "\"travel\": {\"model\": \"MATRIX\", \"points\": [\"a\", \"b\"], \"minutes\": [[0, 5], [5]]}")
                .replace("{\"lat\": 52.6309, \"lon\": 1.2974}", "{\"point\": \"a\"}")
                .replace("{\"lat\": 52.6250, \"lon\": 1.3050}", "{\"point\": \"b\"}")
                .replace("{\"lat\": 52.6350, \"lon\": 1.2900, \"postcode\": \"NR2 1AA\"}", "{\"point\": \"a\"}")
                .replace("{\"lat\": 52.6200, \"lon\": 1.3100}", "{\"point\": \"c\"}");

        assertThat(ProblemValidator.validate(ProblemJson.parse(matrix)))
                .containsExactly(
                        "travel.minutes[1]: has 1 columns but there are 2 points",
                        "serviceUsers[1] (SU-002).location.point: unknown matrix point 'c'");
    }

    @Test
    void shouldRejectNegativeNumbers() {
        assertThat(errorsAfter("\"contractedMinutesPerWeek\": 1800", "\"contractedMinutesPerWeek\": -1"))
                .containsExactly("carers[0] (C-0001).contractedMinutesPerWeek: must be 0 or more, found -1");
        assertThat(errorsAfter("\"maxWorkingMinutesPerDay\": 600", "\"maxWorkingMinutesPerDay\": 0"))
                .containsExactly("carers[0] (C-0001).maxWorkingMinutesPerDay: must be more than 0, found 0");
        assertThat(errorsAfter("\"rate\": 9.5", "\"rate\": -9.5"))
                .containsExactly("carers[1] (C-0002).pay.rate: must be 0 or more, found -9.5");
    }

    @Test
    void shouldRejectGenderPreferenceX() {
        assertThat(errorsAfter("\"genderPreference\": \"F\"", "\"genderPreference\": \"X\""))
                .containsExactly("serviceUsers[0] (SU-001).genderPreference: must be F, M or absent");
    }

    @Test
    void shouldRejectPublishedAssignmentsToUnknownVisitsOrCarers() {
        String published = EXAMPLE.replace(
                "\"travel\": {",
                "\"published\": {\"assignments\": [{\"visit\": \"V-000001-D1\", \"carer\": \"C-0001\"},"
                        + " {\"visit\": \"V-42\", \"carer\": \"C-42\"}]}, \"travel\": {");

        assertThat(ProblemValidator.validate(ProblemJson.parse(published)))
                .containsExactly(
                        "published.assignments[1] (V-42).visit: unknown visit 'V-42'",
                        "published.assignments[1] (V-42).carer: unknown carer 'C-42'");
    }

    @Test
    void shouldReportEveryErrorAtOnceWhenReadingABadProblem() {
        String bad = EXAMPLE.replace("\"durationMinutes\": 45", "\"durationMinutes\": 0")
                .replace("\"carersRequired\": 2", "\"carersRequired\": 7");

        assertThatThrownBy(() -> ProblemJson.read(bad))
                .isInstanceOfSatisfying(InvalidProblemException.class, e -> assertThat(e.errors())
                        .hasSize(2))
                .hasMessageContaining("durationMinutes")
                .hasMessageContaining("carersRequired");
    }
}
