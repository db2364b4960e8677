package org.carerota.planner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.carerota.planner.benchmark.solomon.SolomonGenerator;
import org.carerota.planner.check.SolutionChecker;
import org.carerota.planner.generator.RegionGenerator;
import org.carerota.planner.io.InvalidProblemException;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemJson;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.io.SolutionJson;
import org.jspecify.annotations.Nullable;

/**
 * The planner command line ({@code java -jar planner/target/carerota-planner.jar COMMAND …}).
 *
 * <p>Exit status: 0 done; 1 {@code check} found violations, or an unexpected failure; 2 bad usage or bad input (one
 * line on standard error, no stack trace).
 */
public final class PlannerCommand {

    /** Exit status of a command that did what was asked. */
    public static final int OK = 0;

    /** Exit status of {@code check} when the solution breaks a rule, and of an unexpected failure. */
    public static final int FAILED = 1;

    /** Exit status of bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    /** The day generated regions start on unless {@code --from} says otherwise (a Monday; fixed for determinism). */
    public static final LocalDate DEFAULT_FROM = LocalDate.of(2026, 1, 5);

    static final String PROGRAM = "carerota-planner";

    static final String USAGE =
            """
            Usage: java -jar carerota-planner.jar COMMAND [OPTIONS]

            Commands:
              solve PROBLEM.json --seconds N [--out SOLUTION.json] [--seed N]
                  Plan a rota for a problem (problem JSON v1); writes solution JSON to --out or standard output.
                  The problem is validated first: every error is listed and nothing is solved on bad data.
              vrptw INSTANCE.txt --seconds N [--objective hier|dist]
                  Solve a Solomon / Gehring-Homberger VRPTW instance; prints
                  {"instance":…,"vehicles":…,"distance":…,"routes":[[customer numbers…]…]}.
                  hier (default): fewest vehicles, then distance; dist: distance only.
                  The routes are re-checked independently; exit status 1 if they break a window or capacity.
              generate --size S|M|L --seed N [--days D] [--from YYYY-MM-DD] [--out FILE]
              generate --carers N --visits M --seed N [--days D] [--from YYYY-MM-DD] [--out FILE]
                  A synthetic Norfolk and Waveney region as problem JSON. S = 30 carers / 250 visits a day,
                  M = 150 / 1,500, L = 1,000 / 10,000. --days 1 to 7 (default 1), --from defaults to 2026-01-05.
                  The same arguments always give the same bytes.
                generate-vrptw --kind R1|C1|RC1|R2|C2|RC2 --customers N [--instance 1-10] [--seed N] [--out FILE]
                  A VRPTW instance in the Solomon text format in the manner of the Gehring-Homberger sets
                  (200-1,000 customers; fleet N/4, capacity 200/700/1000), for vrptw and bench solomon --dir.
                  Not the published instances, and no best-known solutions: a test of size and shape.
              explain SOLUTION.json [--problem PROBLEM.json]
                  The unassigned visits with their reasons and each carer's day, in words; with the problem,
                  also whom each unassigned visit is for, when, how long and what it needs, and carers' names.
              check PROBLEM.json SOLUTION.json
                  Recompute a solution independently of the solver and list every rule it breaks
                  (exit status 1 when it breaks one).
              bench solomon|region|replan [OPTIONS]
                  The performance benchmarks (see planner/README.md, "Benchmarks"): Solomon VRPTW against
                  the best-known solutions, generated regions S/M/L, re-planning after an absence.
              --help
                  This text.

            Exit status: 0 done; 1 check found violations, vrptw found no feasible routes, or an unexpected failure;
            2 bad usage or bad input.
            """;

    private PlannerCommand() {}

    /** Logback configuration of the command line: logs to standard error, so that standard output is pure JSON. */
    static final String LOGBACK_CONFIGURATION = "org/carerota/planner/cli/logback-cli.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
        }
        Solving.countFromJvmStart = true;
        int status = run(args, System.out, System.err);
        System.out.flush();
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(Arrays.asList(args), out, err);
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage() + " (see --help)");
            return BAD_INPUT;
        } catch (InvalidProblemException e) {
            err.println(PROGRAM + ": " + oneLine(e.getMessage()));
            return BAD_INPUT;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(PROGRAM + ": " + oneLine(e.getMessage()));
            return BAD_INPUT;
        } catch (RuntimeException | OutOfMemoryError e) {
            err.println(PROGRAM + ": failed: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
            return FAILED;
        }
    }

    private static int dispatch(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            throw new UsageException("missing command");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (command) {
            case "--help", "-h", "help" -> {
                out.print(USAGE);
                yield OK;
            }
            case "generate" -> generate(rest, out);
            case "generate-vrptw" -> generateVrptw(rest, out);
            case "explain" -> explain(rest, out);
            case "check" -> check(rest, out);
            case "solve" -> solve(rest, out);
            case "vrptw" -> vrptw(rest, out, err);
            case "bench" -> BenchCommand.run(rest, out);
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    // ---------------------------------------------------------------- generate

    private static int generate(List<String> rest, PrintStream out) {
        Arguments args = Arguments.parse(
                "generate", rest, Set.of("size", "seed", "days", "from", "out", "carers", "visits"), Set.of());
        args.noPositionals();
        long seed = args.longOption("seed", 42);
        int days = args.intOption("days", 1, 1, RegionGenerator.MAX_DAYS);
        LocalDate from = date(args.option("from"));
        ProblemDocument problem;
        if (args.option("carers") != null || args.option("visits") != null) {
            if (args.option("size") != null) {
                throw new UsageException("generate: give either --size or --carers and --visits");
            }
            int carers = (int) Math.min(Integer.MAX_VALUE, requiredPositive(args, "carers"));
            int visits = (int) Math.min(Integer.MAX_VALUE, requiredPositive(args, "visits"));
            if (carers > 20_000 || visits > 200_000) {
                throw new UsageException("generate: at most 20000 carers and 200000 visits a day");
            }
            problem = RegionGenerator.generate(carers, visits, seed, from, days);
        } else {
            String size = args.required("size");
            RegionGenerator.Size chosen;
            try {
                chosen = RegionGenerator.Size.valueOf(size.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("generate: --size must be S, M or L, found '" + size + "'");
            }
            problem = RegionGenerator.generate(chosen, seed, from, days);
        }
        String outFile = args.option("out");
        if (outFile == null) {
            out.print(ProblemJson.write(problem));
        } else {
            ProblemJson.write(problem, Path.of(outFile));
        }
        return OK;
    }

    private static int generateVrptw(List<String> rest, PrintStream out) {
        Arguments args = Arguments.parse(
                "generate-vrptw", rest, Set.of("kind", "customers", "instance", "seed", "out"), Set.of());
        args.noPositionals();
        String kindText = args.required("kind");
        SolomonGenerator.Kind kind;
        try {
            kind = SolomonGenerator.Kind.valueOf(kindText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "generate-vrptw: --kind must be R1, C1, RC1, R2, C2 or RC2, found '" + kindText + "'");
        }
        args.required("customers");
        int customers = args.intOption("customers", 0, 10, SolomonGenerator.MAX_CUSTOMERS);
        int instance = args.intOption("instance", 1, 1, 10);
        long seed = args.longOption("seed", 1);
        String text = SolomonGenerator.format(SolomonGenerator.generate(kind, customers, instance, seed));
        String outFile = args.option("out");
        if (outFile == null) {
            out.print(text);
        } else {
            try {
                Files.writeString(Path.of(outFile), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + outFile + ": " + e.getMessage(), e);
            }
        }
        return OK;
    }

    private static long requiredPositive(Arguments args, String name) {
        args.required(name);
        long value = args.longOption(name, 0);
        if (value < 1) {
            throw new UsageException("generate: --" + name + " must be at least 1, found " + value);
        }
        return value;
    }

    private static LocalDate date(@Nullable String text) {
        if (text == null) {
            return DEFAULT_FROM;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException("--from must be a date like 2026-01-05, found '" + text + "'");
        }
    }

    // ---------------------------------------------------------------- explain, check

    private static int explain(List<String> rest, PrintStream out) {
        Arguments args = Arguments.parse("explain", rest, Set.of("problem"), Set.of());
        SolutionDocument solution = SolutionJson.read(existing(args.single("SOLUTION.json")));
        String problemFile = args.option("problem");
        ProblemDocument problem = problemFile == null ? null : ProblemJson.read(existing(problemFile));
        out.print(ExplainText.explain(solution, problem));
        return OK;
    }

    private static int check(List<String> rest, PrintStream out) {
        Arguments args = Arguments.parse("check", rest, Set.of(), Set.of());
        if (args.positionals().size() != 2) {
            throw new UsageException("check: expected PROBLEM.json SOLUTION.json");
        }
        ProblemDocument problem = ProblemJson.read(existing(args.positionals().get(0)));
        SolutionDocument solution =
                SolutionJson.read(existing(args.positionals().get(1)));
        SolutionChecker.Report report = SolutionChecker.check(problem, solution);
        out.print(report.describe());
        return report.violations().isEmpty() ? OK : FAILED;
    }

    // ---------------------------------------------------------------- solve, vrptw

    private static int solve(List<String> rest, PrintStream out) {
        Arguments args = Arguments.parse("solve", rest, Set.of("seconds", "out", "seed"), Set.of());
        Path problemFile = existing(args.single("PROBLEM.json"));
        double seconds = seconds(args);
        ProblemDocument problem = ProblemJson.read(problemFile);
        SolutionDocument solution = Solving.solve(problem, seconds, args.longOption("seed", 0));
        String outFile = args.option("out");
        if (outFile == null) {
            out.print(SolutionJson.write(solution));
        } else {
            SolutionJson.write(solution, Path.of(outFile));
        }
        return OK;
    }

    private static int vrptw(List<String> rest, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse("vrptw", rest, Set.of("seconds", "objective"), Set.of());
        Path instanceFile = existing(args.single("INSTANCE.txt"));
        double seconds = seconds(args);
        String objective = args.option("objective") == null ? "hier" : args.option("objective");
        if (!objective.equals("hier") && !objective.equals("dist")) {
            throw new UsageException("vrptw: --objective must be hier or dist, found '" + objective + "'");
        }
        Solving.VrptwOutcome outcome = Solving.vrptw(instanceFile, seconds, objective.equals("dist"));
        out.println(outcome.json());
        if (!outcome.violations().isEmpty()) {
            err.println(PROGRAM + ": vrptw: the routes found are not feasible: "
                    + outcome.violations().size() + " problem(s), first: "
                    + outcome.violations().get(0));
            return FAILED;
        }
        return OK;
    }

    // ---------------------------------------------------------------- helpers

    private static double seconds(Arguments args) {
        args.required("seconds");
        double seconds = args.doubleOption("seconds", 0, 0);
        if (seconds <= 0 || seconds > 7 * 24 * 3600) {
            throw new UsageException(
                    "--seconds must be more than 0 (and at most a week), found " + args.option("seconds"));
        }
        return seconds;
    }

    private static Path existing(String name) {
        Path path = Path.of(name);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("no such file: " + name);
        }
        if (!Files.isReadable(path)) {
            throw new UsageException("cannot read " + name);
        }
        return path;
    }

    private static String oneLine(@Nullable String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.replace('\r', ' ').replace('\n', ' ');
        return line.length() > 2000 ? line.substring(0, 2000) + "…" : line;
    }
}
