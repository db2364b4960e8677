package org.carerota.planner.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one Jackson mapper for problem and solution JSON: unknown fields ignored, nulls left out, ISO local dates and
 * times, properties in record order, whole numbers written without ".0", "\n" line ends, so that the same document
 * always gives the same bytes.
 */
final class PlannerJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")))
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .addMixIn(ProblemDocument.Settings.class, OmitEmpty.Settings.class)
            .addMixIn(ProblemDocument.Carer.class, OmitEmpty.Carer.class)
            .addMixIn(ProblemDocument.ServiceUser.class, OmitEmpty.ServiceUser.class)
            .addMixIn(ProblemDocument.Visit.class, OmitEmpty.Visit.class)
            .addMixIn(ProblemDocument.Travel.class, OmitEmpty.Travel.class)
            .addModule(new SimpleModule("carerota-numbers")
                    .addSerializer(Double.class, new WholeNumberSerializer())
                    .addSerializer(Double.TYPE, new WholeNumberSerializer()))
            .build();

    private PlannerJson() {}

    static <T> T read(Path file, Class<T> type, String what) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, type, what + " " + file);
        } catch (IOException e) {
            throw new InvalidProblemException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(Reader reader, Class<T> type, String what) {
        try {
            T value = MAPPER.readValue(reader, type);
            if (value == null) {
                throw new InvalidProblemException("Malformed " + what + ": the document is empty or null");
            }
            return value;
        } catch (JacksonException e) {
            throw new InvalidProblemException(describe(e, what), e);
        }
    }

    static String write(Object document) {
        return MAPPER.writeValueAsString(document) + "\n";
    }

    static void write(Object document, Writer writer) {
        try {
            writer.write(write(document));
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Object document, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, write(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Malformed problem JSON at line 3, column 7 (visits[2].windowStart): cause". */
    static String describe(JacksonException e, String what) {
        StringBuilder message = new StringBuilder("Malformed ").append(what);
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message.append(" at line ")
                    .append(location.getLineNr())
                    .append(", column ")
                    .append(location.getColumnNr());
        }
        String path = path(e);
        if (!path.isEmpty()) {
            message.append(" (").append(path).append(')');
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
        if (cause != null) {
            int newline = cause.indexOf('\n');
            message.append(": ").append(newline < 0 ? cause : cause.substring(0, newline));
        }
        return message.toString();
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Optional lists and maps that are left out of written JSON when empty (reading treats absent as empty), so that
     * a region of 70,000 visits does not carry 70,000 {@code "pinnedCarers": []}. Required lists are always written.
     */
    private static final class OmitEmpty {

        private OmitEmpty() {}

        abstract static class Settings {
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract Map<String, Double> weights();
        }

        abstract static class Carer {
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract List<ProblemDocument.Absence> absences();
        }

        abstract static class ServiceUser {
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract List<String> preferredCarers();

            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract List<String> bannedCarers();

            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract List<String> regularCarers();
        }

        abstract static class Visit {
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract List<String> pinnedCarers();
        }

        abstract static class Travel {
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract Map<String, Double> speedsKmh();

            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract List<String> points();

            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            abstract List<List<Double>> minutes();
        }
    }

    /** Writes 30.0 as 30 and keeps fractions as they are. */
    private static final class WholeNumberSerializer extends ValueSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
            double v = value;
            if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
                generator.writeNumber((long) v);
            } else {
                generator.writeNumber(v);
            }
        }
    }
}
