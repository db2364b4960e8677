package org.carerota.planner.io;

import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Path;

/** Reads and writes solution JSON (schema version 1). Unknown fields are ignored. */
public final class SolutionJson {

    private SolutionJson() {}

    public static SolutionDocument read(Path file) {
        return PlannerJson.read(file, SolutionDocument.class, "solution JSON");
    }

    public static SolutionDocument read(Reader reader) {
        return PlannerJson.read(reader, SolutionDocument.class, "solution JSON");
    }

    public static SolutionDocument read(String json) {
        return read(new StringReader(json));
    }

    /** The solution as indented JSON with "\n" line ends and a final newline. */
    public static String write(SolutionDocument solution) {
        return PlannerJson.write(solution);
    }

    public static void write(SolutionDocument solution, Writer writer) {
        PlannerJson.write(solution, writer);
    }

    /** Writes the solution to a file, creating parent directories. */
    public static void write(SolutionDocument solution, Path file) {
        PlannerJson.write(solution, file);
    }
}
