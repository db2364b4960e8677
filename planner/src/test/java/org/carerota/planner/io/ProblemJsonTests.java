package org.carerota.planner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class ProblemJsonTests {

    static String resource(String name) {
        try (InputStream in = ProblemJsonTests.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReadEveryFieldWhenProblemIsTheDocumentedExample() {
        ProblemDocument problem = ProblemJson.read(resource("/problems/small-problem.json"));

        assertThat(problem.schemaVersion()).isEqualTo(1);
        assertThat(problem.horizon().from()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(problem.settings().minimumHourlyWage()).isEqualTo(12.21);
        assertThat(problem.settings().restBreakMinutes()).isEqualTo(20.0);
        assertThat(problem.settings().weights()).containsEntry("continuity", 5.0);
        assertThat(problem.pools().get(0).mayServe("ICB")).isFalse();
        assertThat(problem.pools().get(1).serves()).isNull();
        assertThat(problem.pools().get(1).mayServe("ICB")).isTrue();
        ProblemDocument.Carer amal = problem.carers().get(0);
        assertThat(amal.gender()).isEqualTo(Gender.F);
        assertThat(amal.home().hasLatLon()).isTrue();
        assertThat(amal.holdsSkillOn("medication", LocalDate.of(2026, 6, 30))).isTrue();
        assertThat(amal.holdsSkillOn("medication", LocalDate.of(2026, 7, 1))).isFalse();
        assertThat(amal.pay()).isEqualTo(new ProblemDocument.Pay(PayModel.HOURLY, 12.6));
        ProblemDocument.Carer ben = problem.carers().get(1);
        assertThat(ben.travelMode()).isEqualTo(TravelMode.BICYCLE);
        assertThat(ben.shifts().get(0).start()).isEqualTo(LocalDateTime.of(2026, 1, 5, 7, 0));
        assertThat(ben.absences())
                .singleElement()
                .extracting(ProblemDocument.Absence::reason)
                .isEqualTo("training");
        ProblemDocument.Visit first = problem.visits().get(0);
        assertThat(first.priority()).isEqualTo(Priority.TIME_CRITICAL);
        assertThat(first.carersRequired()).isEqualTo(1);
        assertThat(first.durationMinutes()).isEqualTo(30.0);
        assertThat(problem.visits().get(1).carersRequired()).isEqualTo(2);
        assertThat(problem.visits().get(2).dependsOn())
                .isEqualTo(new ProblemDocument.Dependency("V-000001-D1", 180.0, null));
        assertThat(problem.travel().model()).isEqualTo(TravelModel.STRAIGHT_LINE);
        assertThat(problem.travel().detourFactor()).isEqualTo(1.3);
    }

    @Test
    void shouldGiveTheSameDocumentWhenWrittenAndReadBack() {
        ProblemDocument problem = ProblemJson.read(resource("/problems/small-problem.json"));

        String json = ProblemJson.write(problem);

        assertThat(ProblemJson.read(json)).isEqualTo(problem);
        assertThat(ProblemJson.write(ProblemJson.read(json))).isEqualTo(json);
        assertThat(json)
                .contains("\"durationMinutes\" : 30,")
                .contains("\"windowStart\" : \"2026-01-05T07:30:00\"")
                .doesNotContain("\r")
                .doesNotContain("null")
                .doesNotContain("hasLatLon")
                .doesNotContain("pinnedCarers")
                .doesNotContain("\"points\"")
                .doesNotContain("\"date\"");
    }

    @Test
    void shouldIgnoreUnknownFieldsWhenReading() {
        String json = resource("/problems/small-problem.json")
                .replace("\"name\": \"Two carers in Norwich\",", "\"name\": \"x\", \"futureField\": {\"a\": [1]},");

        assertThat(ProblemJson.read(json).name()).isEqualTo("x");
    }

    @Test
    void shouldApplyDefaultsWhenOptionalFieldsAreAbsent() {
        ProblemDocument problem = ProblemJson.read(
                """
                {"schemaVersion": 1, "horizon": {"from": "2026-01-05", "to": "2026-01-05"},
                 "carers": [], "serviceUsers": [{"id": "S", "location": {"x": 1, "y": 2}}],
                 "visits": [{"id": "V", "serviceUser": "S", "windowStart": "2026-01-05T07:00",
                             "windowEnd": "2026-01-05T08:00", "durationMinutes": 15}],
                 "travel": {"model": "PLANAR"}}
                """);

        assertThat(problem.timezone()).isEqualTo("Europe/London");
        assertThat(problem.settings().restBreakAfterMinutes()).isEqualTo(360.0);
        assertThat(problem.travel().unitsPerMinute()).isEqualTo(1.0);
        assertThat(problem.visits().get(0).priority()).isEqualTo(Priority.NORMAL);
        assertThat(problem.visits().get(0).requiredSkills()).isEmpty();
        assertThat(problem.published()).isNull();
    }

    @Test
    void shouldNameLineAndColumnWhenJsonIsMalformed() {
        String json = "{\n  \"schemaVersion\": 1,\n  \"horizon\": {\"from\": \"2026-01-05\",, }\n}";

        assertThatThrownBy(() -> ProblemJson.read(json))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageStartingWith("Malformed problem JSON at line 3, column");
    }

    @Test
    void shouldNameTheFieldPathWhenAValueHasTheWrongType() {
        String json = resource("/problems/small-problem.json")
                .replace("\"windowEnd\": \"2026-01-05T09:30\"", "\"windowEnd\": \"half past nine\"");

        assertThatThrownBy(() -> ProblemJson.read(json))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("visits[1].windowEnd")
                .hasMessageContaining("line ");
    }

    @Test
    void shouldNameTheFieldWhenARequiredFieldIsMissing() {
        String json = resource("/problems/small-problem.json").replace("\"durationMinutes\": 45,", "");

        assertThatThrownBy(() -> ProblemJson.read(json))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("visit V-000002-D1: durationMinutes is required");
    }

    @Test
    void shouldRejectAnUnknownEnumValueWithItsPath() {
        String json = resource("/problems/small-problem.json").replace("\"BICYCLE\"", "\"HORSE\"");

        assertThatThrownBy(() -> ProblemJson.read(json))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("carers[1].travelMode");
    }

    @Test
    void shouldRejectAFractionalCarerCountInsteadOfTruncatingIt() {
        String json =
                resource("/problems/small-problem.json").replace("\"carersRequired\": 2", "\"carersRequired\": 2.5");

        assertThatThrownBy(() -> ProblemJson.read(json))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("visits[1].carersRequired");
    }

    @Test
    void shouldRejectAnEmptyDocument() {
        assertThatThrownBy(() -> ProblemJson.read(""))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageStartingWith("Malformed problem JSON");
    }

    @Test
    void shouldRoundTripTheSolutionExample() {
        SolutionDocument solution = SolutionJson.read(resource("/problems/small-solution.json"));

        assertThat(solution.feasible()).isTrue();
        assertThat(solution.shifts().get(0).visits()).hasSize(1);
        assertThat(solution.unassigned()).hasSize(2);
        assertThat(solution.metrics()).containsKeys("travelMinutes", "unassignedMinutes");
        assertThat(SolutionJson.read(SolutionJson.write(solution))).isEqualTo(solution);
        assertThat(SolutionJson.write(solution)).contains("\"unassigned\" : [").contains("\"changes\" : [ ]");
    }
}
