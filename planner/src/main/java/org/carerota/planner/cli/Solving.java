package org.carerota.planner.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.carerota.planner.CarePlanner;
import org.carerota.planner.SolveOptions;
import org.carerota.planner.benchmark.solomon.SolomonInstance;
import org.carerota.planner.benchmark.solomon.SolomonParser;
import org.carerota.planner.check.VrptwChecker;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.vrptw.VrptwSolver;

/** The bridge from the command line to the solvers. */
final class Solving {

    /** Set by {@link PlannerCommand#main}: time limits then count from the start of the JVM. */
    static volatile boolean countFromJvmStart;

    private Solving() {}

    static SolutionDocument solve(ProblemDocument problem, double seconds, long seed) {
        return CarePlanner.solve(problem, SolveOptions.seconds(seconds).withSeed(seed));
    }

    /**
     * Solves a VRPTW instance.
     *
     * @return the result line and the checker's verdict on its routes
     */
    static VrptwOutcome vrptw(Path instanceFile, double seconds, boolean distanceOnly) {
        // The limit is wall-clock time from the start of the JVM to the printed routes: start-up, reading the file,
        // the solve, the check and the output. The solver gets what is left after start-up and reading, less a
        // reserve for checking, printing and the JVM's exit (1 %, at least 200 ms).
        // Run in-process (tests), the clock starts when this method is called.
        long called = System.nanoTime();
        long limitMillis = Math.max(1L, Math.round(seconds * 1000));
        SolomonInstance instance = SolomonParser.parse(instanceFile);
        long reserve = Math.max(200L, limitMillis / 100);
        long spent = countFromJvmStart ? jvmUptimeMillis() : (System.nanoTime() - called) / 1_000_000L;
        long solveMillis = Math.max(1L, limitMillis - spent - reserve);
        VrptwSolver.Result result = VrptwSolver.solve(
                instance,
                Duration.ofMillis(solveMillis),
                distanceOnly ? VrptwSolver.Objective.DISTANCE : VrptwSolver.Objective.HIERARCHICAL);
        VrptwChecker.Report check = VrptwChecker.check(instance, result.routes());
        return new VrptwOutcome(json(result), check.violations());
    }

    private static long jvmUptimeMillis() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /**
     * @param json {@code {"instance":…,"vehicles":…,"distance":…,"routes":[[…]…]}} on one line
     * @param violations what the independent checker found wrong with the routes (empty when feasible)
     */
    record VrptwOutcome(String json, List<String> violations) {}

    static String json(VrptwSolver.Result result) {
        StringBuilder json = new StringBuilder("{\"instance\":")
                .append(quote(result.instance()))
                .append(",\"vehicles\":")
                .append(result.vehicles())
                .append(",\"distance\":")
                .append(number(result.distance()))
                .append(",\"routes\":[");
        for (int r = 0; r < result.routes().size(); r++) {
            if (r > 0) {
                json.append(',');
            }
            json.append('[');
            List<Integer> route = result.routes().get(r);
            for (int i = 0; i < route.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append(route.get(i));
            }
            json.append(']');
        }
        return json.append("]}").toString();
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        return Double.toString(value);
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
