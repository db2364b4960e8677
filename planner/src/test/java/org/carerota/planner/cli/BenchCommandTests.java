package org.carerota.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTests {

    private static final String TINY =
            """
            TINY

            VEHICLE
            NUMBER     CAPACITY
              4         10

            CUSTOMER
            CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

                0      0          0          0          0        200          0
                1     10          0          4          0        200          5
                2     20          0          4          0        200          5
                3      0         10          4          0        200          5
                4      0         20          4         50         60          5
            """;

    @TempDir
    Path dir;

    private String out = "";

    private int run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = PlannerCommand.run(
                args,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void shouldPrintTableAndWriteCsvWhenBenchmarkingSolomonInstances() throws IOException {
        Files.writeString(dir.resolve("TINY.txt"), TINY);
        Files.writeString(dir.resolve("bks.csv"), "instance,vehicles,distance,source\nTINY,2,80.0,test\n");
        Path results = dir.resolve("results");

        int status = run(
                "bench",
                "solomon",
                "--seconds",
                "1",
                "--instances",
                "tiny",
                "--dir",
                dir.toString(),
                "--out",
                results.toString());

        assertThat(status).isEqualTo(PlannerCommand.OK);
        assertThat(out).contains("instance", "TINY", "bk_vehicles", "lb_vehicles", "wall_s", "ok", "peak heap");
        List<Path> csv;
        try (var files = Files.list(results)) {
            csv = files.toList();
        }
        assertThat(csv).hasSize(1);
        assertThat(Files.readAllLines(csv.get(0)).get(0)).startsWith("instance,vehicles,distance,bk_vehicles");
        assertThat(Files.readAllLines(csv.get(0)).get(1)).startsWith("TINY,");
    }

    @Test
    void shouldRejectUnknownBenchmarkWhenNameIsWrong() {
        assertThat(run("bench", "nonsense")).isEqualTo(PlannerCommand.BAD_INPUT);
        assertThat(run("bench", "region", "--size", "XL")).isEqualTo(PlannerCommand.BAD_INPUT);
    }
}
