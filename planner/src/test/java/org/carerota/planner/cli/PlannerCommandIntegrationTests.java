package org.carerota.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.carerota.planner.check.SolutionChecker;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemJson;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.io.SolutionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.json.JsonMapper;

/**
 * Solves through the command line and checks what it writes: valid against the shipped solution schema, no hard
 * rule broken according to the independent checker, and the same travel and metrics as the checker recomputes.
 */
class PlannerCommandIntegrationTests {

    @TempDir
    Path dir;

    private static final Schema SOLUTION_SCHEMA = solutionSchema();

    private static Schema solutionSchema() {
        try (InputStream in =
                PlannerCommandIntegrationTests.class.getResourceAsStream("/schema/solution-v1.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(
                            SchemaLocation.of("https://carerota.invalid/schema/solution-v1.schema.json"),
                            JsonMapper.shared().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = PlannerCommand.run(
                args,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
        return status;
    }

    private void solveAndCheck(Path problemFile, String seconds) throws IOException {
        Path solutionFile = dir.resolve("solution.json");

        assertThat(run("solve", problemFile.toString(), "--seconds", seconds, "--out", solutionFile.toString()))
                .isZero();

        String json = Files.readString(solutionFile);
        assertThat(SOLUTION_SCHEMA.validate(json, InputFormat.JSON)).isEmpty();
        ProblemDocument problem = ProblemJson.read(problemFile);
        SolutionDocument solution = SolutionJson.read(json);
        SolutionChecker.Report report = SolutionChecker.check(problem, solution);
        assertThat(report.violations()).isEmpty();
        assertThat(solution.feasible()).isTrue();
        List<String> disagreements = report.mismatches().stream()
                .filter(m -> m.startsWith("metrics.")
                        || m.contains("travelMinutes")
                        || m.contains("travelKm")
                        || m.startsWith("feasible"))
                .toList();
        assertThat(disagreements).isEmpty();
        assertThat(run("explain", solutionFile.toString())).isZero();
    }

    @Test
    void shouldPrintFeasibleRoutesWhenSolvingASolomonInstance() throws IOException {
        Path instanceFile = dir.resolve("C101.txt");
        try (InputStream in = getClass().getResourceAsStream("/solomon/C101.txt")) {
            Files.copy(in, instanceFile);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = PlannerCommand.run(
                new String[] {"vrptw", instanceFile.toString(), "--seconds", "3"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
        tools.jackson.databind.JsonNode result = JsonMapper.shared().readTree(stdout.toString(StandardCharsets.UTF_8));
        assertThat(result.get("instance").asString()).isEqualTo("C101");
        List<List<Integer>> routes = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode route : result.get("routes")) {
            List<Integer> customers = new java.util.ArrayList<>();
            route.forEach(customer -> customers.add(customer.asInt()));
            routes.add(customers);
        }
        org.carerota.planner.benchmark.solomon.SolomonInstance c101 =
                org.carerota.planner.benchmark.solomon.SolomonParser.parse(instanceFile);
        org.carerota.planner.check.VrptwChecker.Report check =
                org.carerota.planner.check.VrptwChecker.check(c101, routes);
        assertThat(check.violations()).isEmpty();
        assertThat(result.get("vehicles").asInt()).isEqualTo(check.vehicles());
        assertThat(result.get("distance").asDouble())
                .isCloseTo(check.distance(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void shouldWriteACheckedSolutionWhenSolvingTheDocumentedExample() throws IOException {
        Path problem = dir.resolve("small-problem.json");
        try (InputStream in = getClass().getResourceAsStream("/problems/small-problem.json")) {
            Files.copy(in, problem);
        }

        solveAndCheck(problem, "2");
    }

    @Test
    void shouldWriteACheckedSolutionWhenSolvingAGeneratedRegion() throws IOException {
        Path problem = dir.resolve("region.json");
        assertThat(run("generate", "--carers", "6", "--visits", "40", "--seed", "3", "--out", problem.toString()))
                .isZero();

        solveAndCheck(problem, "5");
    }
}
