package org.carerota.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.carerota.planner.benchmark.solomon.SolomonInstance;
import org.carerota.planner.benchmark.solomon.SolomonParser;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerCommandTests {

    @TempDir
    Path dir;

    private String out = "";
    private String err = "";

    private int run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = PlannerCommand.run(
                args,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return status;
    }

    private Path copy(String resource) throws IOException {
        Path file = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = PlannerCommandTests.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }

    private void assertOneLineError(String expected) {
        assertThat(err).contains(expected).endsWith("\n");
        assertThat(err.strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).isEmpty();
    }

    @Test
    void shouldPrintUsageWhenAskedForHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out)
                .contains("Usage:", "solve PROBLEM.json --seconds N", "vrptw INSTANCE.txt", "generate --size S|M|L");
        assertThat(err).isEmpty();
    }

    @Test
    void shouldExitWithTwoAndOneLineWhenCommandIsMissingOrUnknown() {
        assertThat(run()).isEqualTo(2);
        assertOneLineError("carerota-planner: missing command (see --help)");
        assertThat(run("plan")).isEqualTo(2);
        assertOneLineError("unknown command 'plan'");
    }

    @Test
    void shouldWriteAValidRegionWhenGenerating() {
        assertThat(run("generate", "--size", "S", "--seed", "42")).isZero();

        ProblemDocument region = ProblemJson.read(out);
        assertThat(region.carers()).hasSize(30);
        assertThat(region.visits()).hasSize(250);
        assertThat(region.horizon().from()).isEqualTo(PlannerCommand.DEFAULT_FROM);
        assertThat(err).isEmpty();
    }

    @Test
    void shouldWriteTheSameBytesToAFileWhenOutIsGiven() throws IOException {
        Path file = dir.resolve("out/region.json");

        assertThat(run(
                        "generate",
                        "--size=s",
                        "--seed",
                        "7",
                        "--days",
                        "2",
                        "--from",
                        "2026-03-02",
                        "--out",
                        file.toString()))
                .isZero();
        String written = Files.readString(file);
        assertThat(run("generate", "--size", "S", "--seed", "7", "--days", "2", "--from", "2026-03-02"))
                .isZero();

        assertThat(written).isEqualTo(out);
        assertThat(ProblemJson.read(written).horizon().to()).hasToString("2026-03-03");
    }

    @Test
    void shouldGenerateACustomSizeWhenCarersAndVisitsAreGiven() {
        assertThat(run("generate", "--carers", "6", "--visits", "40", "--seed", "1"))
                .isZero();

        ProblemDocument region = ProblemJson.read(out);
        assertThat(region.carers()).hasSize(6);
        assertThat(region.visits()).hasSize(40);
    }

    @Test
    void shouldWriteASolomonFormatInstanceWhenGeneratingVrptw() throws IOException {
        Path file = dir.resolve("R1_2_1.txt");

        assertThat(run("generate-vrptw", "--kind", "r1", "--customers", "200", "--out", file.toString()))
                .isZero();

        SolomonInstance instance = SolomonParser.parse(file);
        assertThat(instance.name()).isEqualTo("R1_2_1");
        assertThat(instance.visits()).hasSize(200);
        assertThat(run("generate-vrptw", "--kind", "R1", "--customers", "200")).isZero();
        assertThat(out).isEqualTo(Files.readString(file));
    }

    @Test
    void shouldRejectBadGenerateVrptwArguments() {
        assertThat(run("generate-vrptw", "--kind", "R3", "--customers", "200")).isEqualTo(2);
        assertOneLineError("generate-vrptw: --kind must be R1, C1, RC1, R2, C2 or RC2, found 'R3'");
        assertThat(run("generate-vrptw", "--kind", "C1")).isEqualTo(2);
        assertOneLineError("generate-vrptw: --customers is required");
        assertThat(run("generate-vrptw", "--kind", "C1", "--customers", "5")).isEqualTo(2);
        assertOneLineError("generate-vrptw: --customers must be 10 to 10000, found 5");
        assertThat(run("generate-vrptw", "--kind", "C1", "--customers", "200", "--instance", "0"))
                .isEqualTo(2);
        assertOneLineError("generate-vrptw: --instance must be 1 to 10, found 0");
    }

    @Test
    void shouldRejectBadGenerateArguments() {
        assertThat(run("generate", "--size", "XL", "--seed", "1")).isEqualTo(2);
        assertOneLineError("generate: --size must be S, M or L, found 'XL'");
        assertThat(run("generate", "--seed", "1")).isEqualTo(2);
        assertOneLineError("generate: --size is required");
        assertThat(run("generate", "--size", "S", "--days", "8")).isEqualTo(2);
        assertOneLineError("generate: --days must be 1 to 7, found 8");
        assertThat(run("generate", "--size", "S", "--seed", "lots")).isEqualTo(2);
        assertOneLineError("generate: --seed must be a whole number, found 'lots'");
        assertThat(run("generate", "--size", "S", "--from", "Monday")).isEqualTo(2);
        assertOneLineError("--from must be a date like 2026-01-05, found 'Monday'");
        assertThat(run("generate", "--size", "S", "--colour", "red")).isEqualTo(2);
        assertOneLineError("generate: unknown option --colour");
        assertThat(run("generate", "--size")).isEqualTo(2);
        assertOneLineError("generate: --size needs a value");
    }

    @Test
    void shouldExplainUnassignedVisitsAndCarerDays() throws IOException {
        Path solution = copy("/problems/small-solution.json");

        assertThat(run("explain", solution.toString())).isZero();

        assertThat(out)
                .contains("Rota for Two carers in Norwich")
                .contains("Score 0hard/-2medium/-45soft (feasible: no hard constraint broken)")
                .contains("Unassigned visits (2)")
                .contains("  V-000002-D1 (2 carer places)")
                .contains("    - needs two carers with hoist at 08:00-09:30")
                .contains("  C-0001  2026-01-05  07:28-08:01  1 visit, 30 min with people, travel 3 min (0.9 km)")
                .contains("      07:30 V-000001-D1")
                .contains("  unassignedMinutes: 90");
        assertThat(out.indexOf("V-000002-D1 (2 carer places)"))
                .isEqualTo(out.lastIndexOf("V-000002-D1 (2 carer places)"));
    }

    @Test
    void shouldDescribeUnassignedVisitsAndNameCarersWhenTheProblemIsGiven() throws IOException {
        Path solution = copy("/problems/small-solution.json");
        Path problem = copy("/problems/small-problem.json");

        assertThat(run("explain", solution.toString(), "--problem", problem.toString()))
                .isZero();

        assertThat(out)
                .contains("      Mr B (SU-002, Norwich), Mon 5 Jan 08:00-09:30, 45 min, needs hoist, 2 carers together")
                .contains("  C-0001 Amal  2026-01-05  07:28-08:01");
    }

    @Test
    void shouldRejectMissingOrMalformedSolutionWhenExplaining() throws IOException {
        assertThat(run("explain", dir.resolve("nope.json").toString())).isEqualTo(2);
        assertOneLineError("no such file: ");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"schemaVersion\": 1,\n \"score\": }");
        assertThat(run("explain", broken.toString())).isEqualTo(2);
        assertOneLineError("Malformed solution JSON");
        assertThat(err).contains("line 2");
    }

    @Test
    void shouldCheckASolutionAgainstItsProblem() throws IOException {
        Path problem = copy("/problems/small-problem.json");
        Path solution = copy("/problems/small-solution.json");

        assertThat(run("check", problem.toString(), solution.toString())).isZero();
        assertThat(out).contains("No hard rule broken.", "Every reported figure agrees.");

        Files.writeString(
                solution,
                Files.readString(solution)
                        .replace("\"start\": \"2026-01-05T11:30\"", "\"start\": \"2026-01-05T12:20\"")
                        .replace("\"end\": \"2026-01-05T11:50\"", "\"end\": \"2026-01-05T12:40\""));
        assertThat(run("check", problem.toString(), solution.toString())).isEqualTo(1);
        assertThat(out).contains("ABSENCE: C-0002 at V-000003-D1 overlaps an absence");
    }

    @Test
    void shouldRejectAnInvalidProblemBeforeSolving() throws IOException {
        Path problem = copy("/problems/small-problem.json");
        Files.writeString(problem, Files.readString(problem).replace("\"carersRequired\": 2", "\"carersRequired\": 9"));

        assertThat(run("solve", problem.toString(), "--seconds", "1")).isEqualTo(2);
        assertOneLineError("visits[1] (V-000002-D1).carersRequired: must be 1 to 4, found 9");
    }

    @Test
    void shouldRejectBadSolveAndVrptwArguments() throws IOException {
        Path problem = copy("/problems/small-problem.json");
        Path instance = copy("/solomon/C101.txt");

        assertThat(run("solve", problem.toString())).isEqualTo(2);
        assertOneLineError("solve: --seconds is required");
        assertThat(run("solve", problem.toString(), "--seconds", "-3")).isEqualTo(2);
        assertOneLineError("solve: --seconds must be at least 0.0, found -3");
        assertThat(run("solve", problem.toString(), "--seconds", "0")).isEqualTo(2);
        assertOneLineError("--seconds must be more than 0 (and at most a week), found 0");
        assertThat(run("solve", "--seconds", "1")).isEqualTo(2);
        assertOneLineError("solve: missing PROBLEM.json");
        assertThat(run("vrptw", instance.toString(), "--seconds", "1", "--objective", "fast"))
                .isEqualTo(2);
        assertOneLineError("vrptw: --objective must be hier or dist, found 'fast'");
        assertThat(run("vrptw", dir.resolve("R999.txt").toString(), "--seconds", "1"))
                .isEqualTo(2);
        assertOneLineError("no such file: ");
    }
}
