package org.carerota.planner.benchmark.solomon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the Solomon VRPTW text format, also used by the Gehring–Homberger sets:
 *
 * <pre>
 * C101
 *
 * VEHICLE
 * NUMBER     CAPACITY
 *   25         200
 *
 * CUSTOMER
 * CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
 *
 *     0      40         50          0          0       1236          0
 *     1      45         68         10        912        967         90
 * </pre>
 *
 * <p>Line ends may be CRLF or LF; blank lines and surrounding whitespace are ignored; header lines are recognised by
 * their keywords. Errors throw {@link IllegalArgumentException} naming the source and line.
 */
public final class SolomonParser {

    private SolomonParser() {}

    /** Parses an instance file (UTF-8 or ASCII). */
    public static SolomonInstance parse(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Solomon instance " + file, e);
        }
    }

    /** Parses an instance from a reader. */
    public static SolomonInstance parse(Reader reader) {
        return parse(reader, "Solomon instance");
    }

    /** Parses an instance held in a string. */
    public static SolomonInstance parse(String text) {
        return parse(new StringReader(text));
    }

    private static SolomonInstance parse(Reader reader, String source) {
        List<String[]> lines = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try {
            BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
            String line;
            int number = 0;
            while ((line = buffered.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (number == 1 && trimmed.startsWith("\uFEFF")) {
                    trimmed = trimmed.substring(1).strip();
                }
                if (!trimmed.isEmpty()) {
                    lines.add(trimmed.split("\\s+"));
                    lineNumbers.add(number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty file");
        }
        String name = String.join(" ", lines.get(0));
        int index = 1;
        index = expectKeyword(lines, lineNumbers, index, "VEHICLE", source);
        index = expectKeyword(lines, lineNumbers, index, "NUMBER", source);
        if (index >= lines.size()) {
            throw new IllegalArgumentException(source + ": missing the vehicle NUMBER and CAPACITY line");
        }
        String[] fleet = lines.get(index);
        if (fleet.length < 2) {
            throw error(
                    source,
                    lineNumbers.get(index),
                    "expected vehicle NUMBER and CAPACITY, found '" + String.join(" ", fleet) + "'");
        }
        int vehicles = integer(fleet[0], "vehicle NUMBER", source, lineNumbers.get(index));
        int capacity = integer(fleet[1], "CAPACITY", source, lineNumbers.get(index));
        index++;
        index = expectKeyword(lines, lineNumbers, index, "CUSTOMER", source);
        if (index < lines.size() && lines.get(index)[0].toUpperCase(Locale.ROOT).startsWith("CUST")) {
            index++;
        }
        List<SolomonInstance.Customer> customers = new ArrayList<>();
        for (; index < lines.size(); index++) {
            String[] fields = lines.get(index);
            int lineNumber = lineNumbers.get(index);
            if (fields.length != 7) {
                throw error(
                        source,
                        lineNumber,
                        "expected 7 numbers (CUST NO., XCOORD., YCOORD., DEMAND, READY TIME,"
                                + " DUE DATE, SERVICE TIME), found " + fields.length + ": '" + String.join(" ", fields)
                                + "'");
            }
            SolomonInstance.Customer customer = new SolomonInstance.Customer(
                    integer(fields[0], "CUST NO.", source, lineNumber),
                    decimal(fields[1], "XCOORD.", source, lineNumber),
                    decimal(fields[2], "YCOORD.", source, lineNumber),
                    integer(fields[3], "DEMAND", source, lineNumber),
                    decimal(fields[4], "READY TIME", source, lineNumber),
                    decimal(fields[5], "DUE DATE", source, lineNumber),
                    decimal(fields[6], "SERVICE TIME", source, lineNumber));
            if (customer.number() != customers.size()) {
                throw error(
                        source,
                        lineNumber,
                        "expected customer number " + customers.size() + ", found " + customer.number()
                                + " (customers must be numbered 0, 1, 2… with the depot first)");
            }
            if (customer.due() < customer.ready()) {
                throw error(source, lineNumber, "customer " + customer.number() + ": DUE DATE before READY TIME");
            }
            if (customer.demand() < 0 || customer.service() < 0) {
                throw error(source, lineNumber, "customer " + customer.number() + ": negative demand or service time");
            }
            customers.add(customer);
        }
        if (customers.isEmpty()) {
            throw new IllegalArgumentException(source + ": no customers (not even the depot, customer 0)");
        }
        if (vehicles <= 0 || capacity <= 0) {
            throw new IllegalArgumentException(source + ": vehicle NUMBER and CAPACITY must be positive");
        }
        return new SolomonInstance(name, vehicles, capacity, customers);
    }

    private static int expectKeyword(
            List<String[]> lines, List<Integer> lineNumbers, int index, String keyword, String source) {
        if (index >= lines.size()) {
            throw new IllegalArgumentException(source + ": missing the " + keyword + " line");
        }
        if (!lines.get(index)[0].equalsIgnoreCase(keyword)) {
            throw error(
                    source,
                    lineNumbers.get(index),
                    "expected " + keyword + ", found '" + String.join(" ", lines.get(index)) + "'");
        }
        return index + 1;
    }

    private static int integer(String text, String field, String source, int line) {
        double value = decimal(text, field, source, line);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw error(source, line, field + " must be a whole number, found '" + text + "'");
        }
        return (int) value;
    }

    private static double decimal(String text, String field, String source, int line) {
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(source, line, field + " must be a number, found '" + text + "'");
        }
    }

    private static IllegalArgumentException error(String source, int line, String message) {
        return new IllegalArgumentException(source + ", line " + line + ": " + message);
    }
}
