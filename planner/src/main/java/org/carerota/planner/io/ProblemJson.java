package org.carerota.planner.io;

import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Reads and writes problem JSON (schema version 1). Unknown fields are ignored.
 *
 * <p>{@code read} parses and validates: it returns only a problem that {@link ProblemValidator} accepts, and throws
 * {@link InvalidProblemException} listing every error otherwise. {@code parse} only parses (for tools and tests that
 * want to look at a problem with errors).
 */
public final class ProblemJson {

    private ProblemJson() {}

    /** Parses and validates a problem file. */
    public static ProblemDocument read(Path file) {
        return validated(PlannerJson.read(file, ProblemDocument.class, "problem JSON"));
    }

    /** Parses and validates a problem. */
    public static ProblemDocument read(Reader reader) {
        return validated(PlannerJson.read(reader, ProblemDocument.class, "problem JSON"));
    }

    /** Parses and validates a problem held in a string. */
    public static ProblemDocument read(String json) {
        return read(new StringReader(json));
    }

    /** Parses a problem without validating it; malformed JSON still throws {@link InvalidProblemException}. */
    public static ProblemDocument parse(Reader reader) {
        return PlannerJson.read(reader, ProblemDocument.class, "problem JSON");
    }

    /** Parses a problem held in a string without validating it. */
    public static ProblemDocument parse(String json) {
        return parse(new StringReader(json));
    }

    /** Parses a problem file without validating it. */
    public static ProblemDocument parse(Path file) {
        return PlannerJson.read(file, ProblemDocument.class, "problem JSON");
    }

    /** The problem as indented JSON with "\n" line ends and a final newline; the same problem gives the same text. */
    public static String write(ProblemDocument problem) {
        return PlannerJson.write(problem);
    }

    public static void write(ProblemDocument problem, Writer writer) {
        PlannerJson.write(problem, writer);
    }

    /** Writes the problem to a file, creating parent directories. */
    public static void write(ProblemDocument problem, Path file) {
        PlannerJson.write(problem, file);
    }

    private static ProblemDocument validated(ProblemDocument problem) {
        ProblemValidator.requireValid(problem);
        return problem;
    }
}
