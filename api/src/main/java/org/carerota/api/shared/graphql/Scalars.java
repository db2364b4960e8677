package org.carerota.api.shared.graphql;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/**
 * The custom scalars of the schema, all ISO 8601 strings on the wire: {@code Date}
 * (2026-11-23), {@code Time} (07:30), {@code DateTime} (2026-11-23T07:30:00Z, with offset) and
 * {@code UUID}.
 */
public final class Scalars {

    private Scalars() {}

    public static final GraphQLScalarType DATE = scalar(
            "Date",
            "A calendar date, ISO 8601 (2026-11-23), in Europe/London.",
            LocalDate.class,
            LocalDate::parse,
            LocalDate::toString);

    public static final GraphQLScalarType TIME = scalar(
            "Time",
            "A local time of day, ISO 8601 (07:30 or 07:30:00), in Europe/London.",
            LocalTime.class,
            LocalTime::parse,
            LocalTime::toString);

    public static final GraphQLScalarType DATE_TIME = scalar(
            "DateTime",
            "An instant with its UTC offset, ISO 8601 (2026-11-23T07:30:00Z).",
            OffsetDateTime.class,
            OffsetDateTime::parse,
            value -> value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));

    public static final GraphQLScalarType UUID_SCALAR =
            scalar("UUID", "An identifier (RFC 9562 UUID).", UUID.class, text -> UUID.fromString(text), UUID::toString);

    private static <T> GraphQLScalarType scalar(
            String name, String description, Class<T> type, Function<String, T> parser, Function<T, String> printer) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description)
                .coercing(new StringCoercing<>(name, type, parser, printer))
                .build();
    }

    /** Coerces a scalar to and from its ISO string, with messages that name the scalar. */
    private record StringCoercing<T>(
            String name, Class<T> type, Function<String, T> parser, Function<T, String> printer)
            implements Coercing<T, String> {

        @Override
        @SuppressWarnings("unchecked")
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            Object v = value;
            if (v instanceof ZonedDateTime zoned && type == OffsetDateTime.class) {
                v = zoned.toOffsetDateTime();
            }
            if (type.isInstance(v)) {
                return printer.apply((T) v);
            }
            if (v instanceof String text) {
                return printer.apply(parse(text, CoercingSerializeException::new));
            }
            throw new CoercingSerializeException(
                    name + " cannot be made from a " + value.getClass().getSimpleName());
        }

        @Override
        public T parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                return parse(text, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException(name + " must be a string");
        }

        @Override
        public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue string) {
                return parse(string.getValue(), CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException(name + " must be a string");
        }

        private <E extends RuntimeException> T parse(@Nullable String text, Function<String, E> error) {
            if (text == null) {
                throw error.apply(name + " must not be null");
            }
            try {
                return parser.apply(text);
            } catch (DateTimeException | IllegalArgumentException e) {
                throw error.apply("'" + abbreviate(text) + "' is not a valid " + name);
            }
        }

        private static String abbreviate(String text) {
            return text.length() > 40 ? text.substring(0, 40) + "…" : text;
        }
    }
}
