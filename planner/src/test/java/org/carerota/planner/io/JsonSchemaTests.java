package org.carerota.planner.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;

import org.carerota.planner.generator.RegionGenerator;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.json.JsonMapper;

/** The planner's own JSON validates against the JSON Schema documents it ships in {@code schema/}. */
class JsonSchemaTests {

    static final Schema PROBLEM_SCHEMA = schema("/schema/problem-v1.schema.json");
    static final Schema SOLUTION_SCHEMA = schema("/schema/solution-v1.schema.json");

    private static Schema schema(String resource) {
        try (InputStream in = JsonSchemaTests.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            // The schemas' $id ("carerota/problem-v1", as in the shared contract) is relative: give it a base.
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(
                            SchemaLocation.of("https://carerota.invalid" + resource),
                            JsonMapper.shared().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> problemErrors(String json) {
        return PROBLEM_SCHEMA.validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    static List<String> solutionErrors(String json) {
        return SOLUTION_SCHEMA.validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    @Test
    void shouldValidateGeneratedRegionsAgainstTheProblemSchema() {
        String week =
                ProblemJson.write(RegionGenerator.generate(RegionGenerator.Size.S, 42, LocalDate.of(2026, 1, 5), 7));
        String day =
                ProblemJson.write(RegionGenerator.generate(RegionGenerator.Size.M, 1, LocalDate.of(2026, 1, 5), 1));

        assertThat(problemErrors(week)).isEmpty();
        assertThat(problemErrors(day)).isEmpty();
    }

    @Test
    void shouldValidateTheDocumentedExamplesAndTheirRewrites() {
        String problem = ProblemJsonTests.resource("/problems/small-problem.json");
        String solution = ProblemJsonTests.resource("/problems/small-solution.json");

        assertThat(problemErrors(problem)).isEmpty();
        assertThat(problemErrors(ProblemJson.write(ProblemJson.read(problem)))).isEmpty();
        assertThat(solutionErrors(solution)).isEmpty();
        assertThat(solutionErrors(SolutionJson.write(SolutionJson.read(solution))))
                .isEmpty();
    }

    @Test
    void shouldValidatePlanarAndMatrixProblemsWrittenByThePlanner() {
        ProblemDocument example = ProblemJson.read(ProblemJsonTests.resource("/problems/small-problem.json"));
        ProblemDocument planar = new ProblemDocument(
                1,
                "planar",
                null,
                example.horizon(),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(new ProblemDocument.ServiceUser(
                        "S", null, ProblemDocument.Location.ofXy(1, 2), null, null, null, null, null)),
                List.of(),
                null,
                ProblemDocument.Travel.planar(1));

        assertThat(problemErrors(ProblemJson.write(planar))).isEmpty();
    }

    @Test
    void shouldRejectDocumentsThatBreakTheSchema() {
        String problem = ProblemJsonTests.resource("/problems/small-problem.json");

        assertThat(problemErrors(problem.replace("\"carersRequired\": 2", "\"carersRequired\": 5")))
                .isNotEmpty();
        assertThat(problemErrors(problem.replace("\"schemaVersion\": 1,", ""))).isNotEmpty();
        assertThat(problemErrors(problem.replace("\"STRAIGHT_LINE\"", "\"ROAD\"")))
                .isNotEmpty();
        assertThat(solutionErrors(
                        "{\"schemaVersion\": 1, \"score\": \"0hard/0soft\", \"feasible\": true, \"shifts\": []}"))
                .isNotEmpty();
    }
}
