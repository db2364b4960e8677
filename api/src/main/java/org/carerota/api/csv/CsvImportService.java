package org.carerota.api.csv;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carerota.api.carer.CarerCommandService;
import org.carerota.api.carer.CarerCommands.CarerImportRow;
import org.carerota.api.carer.CarerCommands.CarerSkillInput;
import org.carerota.api.csv.CsvImportReport.RowError;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Imports carers from CSV: every cell is checked first (per row, per column); any error and nothing
 * is written; otherwise all rows are written in one transaction, which again imports nothing if the
 * database refuses one (an unknown pool or skill, a duplicate reference).
 */
@Service
class CsvImportService {

    static final List<String> CARER_COLUMNS = List.of(
            "external_ref",
            "name",
            "pool",
            "home_lat",
            "home_lon",
            "home_postcode",
            "travel_mode",
            "gender",
            "contracted_minutes_per_week",
            "max_working_minutes_per_day",
            "pay_model",
            "pay_rate",
            "skills");

    static final Map<String, String> TEMPLATES = Map.of(
            "carers",
            String.join(",", CARER_COLUMNS) + "\r\n"
                    + "C-0001,Amal Hussain,Broadland Home Care,52.6309,1.2974,NR1 3QU,CAR,F,2250,600,HOURLY,12.60,"
                    + "\"personal-care;medication@2027-03-31\"\r\n");

    static final int MAX_ROWS = 5000;

    private final CarerCommandService carers;

    CsvImportService(CarerCommandService carers) {
        this.carers = carers;
    }

    Mono<CsvImportReport> importCarers(String text) {
        List<List<String>> rows = Csv.parse(text);
        List<RowError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            return Mono.just(new CsvImportReport(0, 0, List.of(new RowError(0, "", "", "the file is empty"))));
        }
        List<String> header =
                rows.get(0).stream().map(h -> h.trim().toLowerCase()).toList();
        for (String column : List.of("name", "pool", "home_lat", "home_lon")) {
            if (!header.contains(column)) {
                errors.add(new RowError(0, column, "", "required column missing (see GET /csv/templates/carers.csv)"));
            }
        }
        for (String column : header) {
            if (!CARER_COLUMNS.contains(column)) {
                errors.add(new RowError(0, column, column, "unknown column"));
            }
        }
        int dataRows = rows.size() - 1;
        if (dataRows > MAX_ROWS) {
            errors.add(new RowError(0, "", String.valueOf(dataRows), "at most " + MAX_ROWS + " rows per file"));
        }
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        List<CarerImportRow> parsed = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = new Row(r, header, rows.get(r), errors);
            String ref = row.text("external_ref", 200, false);
            if (ref != null && !refs.add(ref)) {
                errors.add(new RowError(r, "external_ref", ref, "appears twice in the file"));
            }
            String name = row.text("name", 200, true);
            String pool = row.text("pool", 200, true);
            Double lat = row.number("home_lat", -90, 90, true);
            Double lon = row.number("home_lon", -180, 180, true);
            String postcode = row.text("home_postcode", 16, false);
            String mode = row.oneOf("travel_mode", Set.of("WALK", "BICYCLE", "CAR", "PUBLIC_TRANSPORT"));
            String gender = row.oneOf("gender", Set.of("F", "M", "X"));
            Double contracted = row.number("contracted_minutes_per_week", 0, 10080, false);
            Double max = row.number("max_working_minutes_per_day", 1, 1440, false);
            String pay = row.oneOf("pay_model", Set.of("HOURLY", "PER_CONTACT_HOUR", "PER_VISIT"));
            Double rate = row.number("pay_rate", 0, 10000, false);
            List<CarerSkillInput> skills = row.skills("skills");
            if (row.ok()) {
                parsed.add(new CarerImportRow(
                        r,
                        ref,
                        name,
                        pool,
                        lat,
                        lon,
                        postcode,
                        mode,
                        gender,
                        contracted == null ? null : contracted.intValue(),
                        max == null ? null : max.intValue(),
                        pay,
                        rate,
                        skills));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        return carers.importCarers(parsed)
                .map(problems -> problems.isEmpty()
                        ? new CsvImportReport(dataRows, parsed.size(), List.of())
                        : new CsvImportReport(
                                dataRows,
                                0,
                                problems.stream()
                                        .map(p -> new RowError(p.row(), p.column(), p.value(), p.reason()))
                                        .toList()));
    }

    /** One data row's cells by column name, collecting errors. */
    private static final class Row {
        private final int number;
        private final List<String> header;
        private final List<String> cells;
        private final List<RowError> errors;
        private boolean ok = true;

        Row(int number, List<String> header, List<String> cells, List<RowError> errors) {
            this.number = number;
            this.header = header;
            this.cells = cells;
            this.errors = errors;
            if (cells.size() > header.size()) {
                fail("", String.valueOf(cells.size()), "more cells than columns (" + header.size() + ")");
            }
        }

        boolean ok() {
            return ok;
        }

        private String cell(String column) {
            int index = header.indexOf(column);
            return index < 0 || index >= cells.size() ? "" : cells.get(index).trim();
        }

        private void fail(String column, String value, String reason) {
            ok = false;
            errors.add(new RowError(number, column, value.length() > 80 ? value.substring(0, 80) : value, reason));
        }

        String text(String column, int max, boolean required) {
            String value = cell(column);
            if (value.isEmpty()) {
                if (required) {
                    fail(column, value, "required");
                }
                return null;
            }
            if (value.length() > max) {
                fail(column, value, "at most " + max + " characters");
                return null;
            }
            return value;
        }

        Double number(String column, double min, double max, boolean required) {
            String value = cell(column);
            if (value.isEmpty()) {
                if (required) {
                    fail(column, value, "required");
                }
                return null;
            }
            try {
                double d = Double.parseDouble(value);
                if (Double.isNaN(d) || d < min || d > max) {
                    fail(column, value, "must be a number from " + min + " to " + max);
                    return null;
                }
                return d;
            } catch (NumberFormatException e) {
                fail(column, value, "not a number");
                return null;
            }
        }

        String oneOf(String column, Set<String> allowed) {
            String value = cell(column).toUpperCase();
            if (value.isEmpty()) {
                return null;
            }
            if (!allowed.contains(value)) {
                fail(column, value, "must be one of " + allowed);
                return null;
            }
            return value;
        }

        /** {@code code[@yyyy-mm-dd];code…} */
        List<CarerSkillInput> skills(String column) {
            String value = cell(column);
            List<CarerSkillInput> skills = new ArrayList<>();
            if (value.isEmpty()) {
                return skills;
            }
            Set<String> seen = new HashSet<>();
            for (String part : value.split(";")) {
                String item = part.trim();
                if (item.isEmpty()) {
                    continue;
                }
                String[] bits = item.split("@", 2);
                LocalDate until = null;
                if (bits.length == 2) {
                    try {
                        until = LocalDate.parse(bits[1].trim());
                    } catch (DateTimeParseException e) {
                        fail(column, item, "expiry must be a date like 2027-03-31");
                        continue;
                    }
                }
                if (!seen.add(bits[0].trim())) {
                    fail(column, item, "skill listed twice");
                    continue;
                }
                skills.add(new CarerSkillInput(bits[0].trim(), until));
            }
            return skills;
        }
    }
}
