package org.carerota.api.csv;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carerota.api.carer.CarerCommandService;
import org.carerota.api.carer.CarerCommands.CarerImportRow;
import org.carerota.api.carer.CarerCommands.CarerSkillInput;
import org.carerota.api.csv.CsvImportReport.RowError;
import org.carerota.api.serviceuser.ServiceUserCommandService;
import org.carerota.api.serviceuser.ServiceUserCommandService.ServiceUserImportRow;
import org.carerota.api.visit.VisitCommandService;
import org.carerota.api.visit.VisitCommandService.PackageImportRow;
import org.carerota.api.visit.VisitCommandService.PackageProblem;
import org.carerota.api.visit.VisitCommands.VisitTemplateInput;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Imports carers, service users and care packages from CSV: every cell is checked first (per row, per column); any error and nothing
 * is written; otherwise all rows are written in one transaction, which again imports nothing if the
 * database refuses one (an unknown pool or skill, a duplicate reference).
 */
@Service
class CsvImportService {

    /** Carers: one row per carer. */
    static final List<String> CARER_COLUMNS = carers(new HashSet<>()).names();

    /** Service users: one row per person. */
    static final List<String> SERVICE_USER_COLUMNS =
            serviceUsers(new HashSet<>()).names();

    /** Care packages: one row per recurring visit; rows with the same package_ref make one package. */
    static final List<String> CARE_PACKAGE_COLUMNS = carePackages().names();

    static final Map<String, String> TEMPLATES = Map.of(
            "carers",
            String.join(",", CARER_COLUMNS) + "\r\n"
                    + "C-0001,Amal Hussain,Broadland Home Care,52.6309,1.2974,NR1 3QU,CAR,F,2250,600,HOURLY,12.60,"
                    + "\"personal-care;medication@2027-03-31\"\r\n",
            "service-users",
            String.join(",", SERVICE_USER_COLUMNS) + "\r\n"
                    + "P-0001,Edith Clarke,Norwich,52.6282,1.2923,NR2 1AB,\"4 Elm Hill, Norwich\",F,F,"
                    + "\"Key safe 1234, side door\",C-0001,,\"C-0001;C-0002\"\r\n",
            "care-packages",
            String.join(",", CARE_PACKAGE_COLUMNS) + "\r\n"
                    + "PK-0001,P-0001,Norfolk County Council,2026-11-23,,Morning,daily,1,07:30,09:30,08:00,45,1,"
                    + "TIME_CRITICAL,\"personal-care;medication\"\r\n"
                    + "PK-0001,P-0001,Norfolk County Council,2026-11-23,,Tea,Mon;Wed;Fri,1,16:30,18:00,,30,2,"
                    + "NORMAL,personal-care\r\n");

    static final int MAX_ROWS = 5000;

    private final CarerCommandService carers;
    private final ServiceUserCommandService serviceUsers;
    private final VisitCommandService visits;

    CsvImportService(CarerCommandService carers, ServiceUserCommandService serviceUsers, VisitCommandService visits) {
        this.carers = carers;
        this.serviceUsers = serviceUsers;
        this.visits = visits;
    }

    /** The header (lower case, trimmed) and the errors of a file's shape: missing or unknown columns, too many rows. */
    private static List<String> header(List<List<String>> rows, Layout layout, List<RowError> errors) {
        List<String> header =
                rows.get(0).stream().map(h -> h.trim().toLowerCase()).toList();
        for (String column : layout.required()) {
            if (!header.contains(column)) {
                errors.add(new RowError(
                        0,
                        column,
                        "",
                        "required column missing (see GET /csv/templates/" + layout.template() + ".csv)"));
            }
        }
        List<String> known = layout.names();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!known.contains(column)) {
                errors.add(new RowError(0, column, column, "unknown column"));
            } else if (!seen.add(column)) {
                errors.add(new RowError(0, column, column, "column appears twice"));
            }
        }
        int dataRows = rows.size() - 1;
        if (dataRows > MAX_ROWS) {
            errors.add(new RowError(0, "", String.valueOf(dataRows), "at most " + MAX_ROWS + " rows per file"));
        }
        return header;
    }

    // ---- service users ----------------------------------------------------------------------

    /** Input field of createServiceUser -> CSV column. */
    static final Map<String, String> SERVICE_USER_FIELDS = Map.ofEntries(
            Map.entry("externalRef", "external_ref"),
            Map.entry("name", "name"),
            Map.entry("area", "area"),
            Map.entry("lat", "lat"),
            Map.entry("lon", "lon"),
            Map.entry("postcode", "postcode"),
            Map.entry("address", "address"),
            Map.entry("gender", "gender"),
            Map.entry("genderPreference", "gender_preference"),
            Map.entry("accessNotes", "access_notes"),
            Map.entry("preferredCarers", "preferred_carers"),
            Map.entry("bannedCarers", "banned_carers"),
            Map.entry("regularCarers", "regular_carers"));

    Mono<CsvImportReport> importServiceUsers(String text) {
        List<List<String>> rows = Csv.parse(text);
        List<RowError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            return Mono.just(new CsvImportReport(0, 0, List.of(new RowError(0, "", "", "the file is empty"))));
        }
        Set<String> refs = new HashSet<>();
        Layout layout = serviceUsers(refs);
        List<String> header = header(rows, layout, errors);
        int dataRows = rows.size() - 1;
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        List<ServiceUserImportRow> parsed = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = new Row(r, header, rows.get(r), errors);
            Cells cells = layout.read(row);
            List<String> preferred = cells.get("preferred_carers");
            List<String> banned = cells.get("banned_carers");
            preferred.stream()
                    .filter(banned::contains)
                    .findFirst()
                    .ifPresent(both -> row.fail("banned_carers", both, "a carer cannot be both preferred and banned"));
            if (row.ok()) {
                parsed.add(new ServiceUserImportRow(
                        cells.get("external_ref"),
                        cells.get("name"),
                        cells.get("area"),
                        cells.get("lat"),
                        cells.get("lon"),
                        cells.get("postcode"),
                        cells.get("address"),
                        cells.get("gender"),
                        cells.get("gender_preference"),
                        cells.get("access_notes"),
                        preferred,
                        banned,
                        cells.get("regular_carers")));
                lineOf.add(r);
            }
        }
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        return serviceUsers
                .importServiceUsers(parsed)
                .map(problems -> problems.isEmpty()
                        ? new CsvImportReport(dataRows, parsed.size(), List.of())
                        : new CsvImportReport(
                                dataRows,
                                0,
                                problems.stream()
                                        .map(p -> new RowError(
                                                p.index() < 0 ? 0 : lineOf.get(p.index()),
                                                SERVICE_USER_FIELDS.getOrDefault(p.field(), p.field()),
                                                p.value(),
                                                p.reason()))
                                        .toList()));
    }

    // ---- care packages ----------------------------------------------------------------------

    /** Template field of createCarePackage -> CSV column. */
    static final Map<String, String> TEMPLATE_FIELDS = Map.of(
            "label", "label",
            "daysOfWeek", "days",
            "everyWeeks", "every_weeks",
            "windowStart", "window_start",
            "windowEnd", "window_end",
            "preferredStart", "preferred_start",
            "durationMinutes", "duration_minutes",
            "carersRequired", "carers_required",
            "priority", "priority",
            "requiredSkills", "skills");

    /** Package field of createCarePackage -> CSV column (reported on the package's first row). */
    static final Map<String, String> PACKAGE_FIELDS = Map.of(
            "serviceUserId", "service_user",
            "commissionerId", "commissioner",
            "startsOn", "starts_on",
            "endsOn", "ends_on",
            "reference", "package_ref",
            "templates", "skills");

    Mono<CsvImportReport> importCarePackages(
            String text, @Nullable String expandFromParameter, @Nullable String expandToParameter) {
        List<List<String>> rows = Csv.parse(text);
        List<RowError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            return Mono.just(new CsvImportReport(0, 0, List.of(new RowError(0, "", "", "the file is empty"))));
        }
        LocalDate expandFrom = parameterDate("expandFrom", expandFromParameter, errors);
        LocalDate expandTo = parameterDate("expandTo", expandToParameter, errors);
        Layout layout = carePackages();
        List<String> header = header(rows, layout, errors);
        int dataRows = rows.size() - 1;
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        // rows grouped into packages by package_ref (a row without one is a package of its own)
        Map<String, PackageRows> packages = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = new Row(r, header, rows.get(r), errors);
            Cells cells = layout.read(row);
            String ref = cells.get("package_ref");
            String person = cells.get("service_user");
            String commissioner = cells.get("commissioner");
            LocalDate startsOn = cells.get("starts_on");
            LocalDate endsOn = cells.get("ends_on");
            Double every = cells.get("every_weeks");
            Double duration = cells.get("duration_minutes");
            Double carersRequired = cells.get("carers_required");
            if (every != null && every != Math.rint(every)) {
                row.fail("every_weeks", String.valueOf(every), "a whole number of weeks");
            }
            if (duration != null && duration != Math.rint(duration)) {
                row.fail("duration_minutes", String.valueOf(duration), "whole minutes");
            }
            if (carersRequired != null && carersRequired != Math.rint(carersRequired)) {
                row.fail("carers_required", String.valueOf(carersRequired), "a whole number");
            }
            if (!row.ok()) {
                continue;
            }
            String key = ref == null ? "\u0000row" + r : ref;
            PackageRows group = packages.get(key);
            if (group == null) {
                group = new PackageRows(
                        r, ref, person, commissioner, startsOn, endsOn, new ArrayList<>(), new ArrayList<>());
                packages.put(key, group);
            } else {
                if (!group.person().equals(person)) {
                    row.fail(
                            "service_user",
                            person,
                            "package " + ref + " is for " + group.person() + " (row " + group.firstRow() + ")");
                }
                if (!group.commissioner().equals(commissioner)) {
                    row.fail(
                            "commissioner",
                            commissioner,
                            "package " + ref + " has commissioner " + group.commissioner() + " (row " + group.firstRow()
                                    + ")");
                }
                if (!group.startsOn().equals(startsOn) || !java.util.Objects.equals(group.endsOn(), endsOn)) {
                    row.fail(
                            "starts_on",
                            String.valueOf(startsOn),
                            "package " + ref + " has other dates (row " + group.firstRow() + ")");
                }
                if (!row.ok()) {
                    continue;
                }
            }
            group.templates()
                    .add(new VisitTemplateInput(
                            cells.get("label"),
                            cells.get("days"),
                            every == null ? null : every.intValue(),
                            cells.get("window_start"),
                            cells.get("window_end"),
                            cells.get("preferred_start"),
                            duration.intValue(),
                            carersRequired == null ? null : carersRequired.intValue(),
                            cells.get("priority"),
                            cells.get("skills"),
                            null));
            group.lines().add(r);
        }
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        List<PackageRows> groups = List.copyOf(packages.values());
        List<PackageImportRow> input = groups.stream()
                .map(g -> new PackageImportRow(
                        g.person(),
                        g.commissioner(),
                        g.startsOn(),
                        g.endsOn(),
                        g.ref(),
                        g.templates(),
                        expandFrom,
                        expandTo))
                .toList();
        return visits.importCarePackages(input).map(result -> {
            if (result.problems().isEmpty()) {
                return new CsvImportReport(dataRows, dataRows, List.of(), groups.size(), result.visitsCreated());
            }
            List<RowError> found = new ArrayList<>();
            for (PackageProblem p : result.problems()) {
                PackageRows g = groups.get(p.index());
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("templates\\[(\\d+)]\\.(\\w+)")
                        .matcher(p.field());
                if (m.matches()) {
                    int t = Integer.parseInt(m.group(1));
                    found.add(new RowError(
                            g.lines().get(t), TEMPLATE_FIELDS.getOrDefault(m.group(2), m.group(2)), "", p.reason()));
                } else if (p.field().equals("expandTo") || p.field().equals("expandFrom")) {
                    found.add(new RowError(0, p.field(), "", p.reason()));
                } else {
                    found.add(new RowError(
                            g.firstRow(),
                            PACKAGE_FIELDS.getOrDefault(p.field(), p.field()),
                            p.field().equals("serviceUserId")
                                    ? g.person()
                                    : p.field().equals("commissionerId") ? g.commissioner() : "",
                            p.reason()));
                }
            }
            return new CsvImportReport(dataRows, 0, found);
        });
    }

    /** The rows of one package in the file. */
    private record PackageRows(
            int firstRow,
            @Nullable String ref,
            String person,
            String commissioner,
            LocalDate startsOn,
            @Nullable LocalDate endsOn,
            List<VisitTemplateInput> templates,
            List<Integer> lines) {}

    private static @Nullable LocalDate parameterDate(String name, @Nullable String value, List<RowError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new RowError(
                    0, name, value.length() > 80 ? value.substring(0, 80) : value, "must be a date like 2026-11-23"));
            return null;
        }
    }

    Mono<CsvImportReport> importCarers(String text) {
        List<List<String>> rows = Csv.parse(text);
        List<RowError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            return Mono.just(new CsvImportReport(0, 0, List.of(new RowError(0, "", "", "the file is empty"))));
        }
        Layout layout = carers(new HashSet<>());
        List<String> header = header(rows, layout, errors);
        int dataRows = rows.size() - 1;
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        List<CarerImportRow> parsed = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = new Row(r, header, rows.get(r), errors);
            Cells cells = layout.read(row);
            Double contracted = cells.get("contracted_minutes_per_week");
            Double max = cells.get("max_working_minutes_per_day");
            if (row.ok()) {
                parsed.add(new CarerImportRow(
                        r,
                        cells.get("external_ref"),
                        cells.get("name"),
                        cells.get("pool"),
                        cells.get("home_lat"),
                        cells.get("home_lon"),
                        cells.get("home_postcode"),
                        cells.get("travel_mode"),
                        cells.get("gender"),
                        contracted == null ? null : contracted.intValue(),
                        max == null ? null : max.intValue(),
                        cells.get("pay_model"),
                        cells.get("pay_rate"),
                        cells.get("skills")));
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

    // ---- layouts: one column-spec table per kind of file ----------------------------------------

    /**
     * Carers. {@code refs} collects the file's external references: a repeat is reported on its row
     * (the row itself is still read, as before the table existed).
     */
    private static Layout carers(Set<String> refs) {
        return new Layout(
                "carers",
                List.of(
                        optional("external_ref", unique(refs, false)),
                        required("name", text(200)),
                        required("pool", text(200)),
                        required("home_lat", number(-90, 90)),
                        required("home_lon", number(-180, 180)),
                        optional("home_postcode", text(16)),
                        optional("travel_mode", oneOf(Set.of("WALK", "BICYCLE", "CAR", "PUBLIC_TRANSPORT"))),
                        optional("gender", oneOf(Set.of("F", "M", "X"))),
                        optional("contracted_minutes_per_week", number(0, 10080)),
                        optional("max_working_minutes_per_day", number(1, 1440)),
                        optional("pay_model", oneOf(Set.of("HOURLY", "PER_CONTACT_HOUR", "PER_VISIT"))),
                        optional("pay_rate", number(0, 10000)),
                        optional("skills", (row, column, required) -> row.skills(column))));
    }

    /** Service users. {@code refs} collects the file's external references: a repeat fails its row. */
    private static Layout serviceUsers(Set<String> refs) {
        return new Layout(
                "service-users",
                List.of(
                        optional("external_ref", unique(refs, true)),
                        required("name", text(200)),
                        required("area", text(200)),
                        required("lat", number(-90, 90)),
                        required("lon", number(-180, 180)),
                        optional("postcode", text(16)),
                        optional("address", text(500)),
                        optional("gender", oneOf(Set.of("F", "M", "X"))),
                        optional("gender_preference", oneOf(Set.of("F", "M"))),
                        optional("access_notes", text(2000)),
                        optional("preferred_carers", list(50)),
                        optional("banned_carers", list(50)),
                        optional("regular_carers", list(50))));
    }

    /** Care packages (rows with the same package_ref make one package). */
    private static Layout carePackages() {
        return new Layout(
                "care-packages",
                List.of(
                        optional("package_ref", text(200)),
                        required("service_user", text(200)),
                        required("commissioner", text(200)),
                        required("starts_on", (row, column, required) -> row.date(column, required)),
                        optional("ends_on", (row, column, required) -> row.date(column, required)),
                        optional("label", text(200)),
                        required("days", (row, column, required) -> row.days(column)),
                        optional("every_weeks", number(1, 4)),
                        required("window_start", (row, column, required) -> row.time(column, required)),
                        required("window_end", (row, column, required) -> row.time(column, required)),
                        optional("preferred_start", (row, column, required) -> row.time(column, required)),
                        required("duration_minutes", number(1, 1440)),
                        optional("carers_required", number(1, 4)),
                        optional("priority", oneOf(Set.of("TIME_CRITICAL", "HIGH", "NORMAL", "LOW"))),
                        optional("skills", list(20))));
    }

    /** How a cell becomes a value; its problems go on the row, and the value is then null (or empty). */
    @FunctionalInterface
    private interface Parser {
        @Nullable
        Object read(Row row, String column, boolean required);
    }

    /**
     * A column of a layout: its name, whether the file must have it and every row must fill it, and
     * how its cells are read.
     */
    private record Column(String name, boolean required, Parser parser) {}

    private static Column required(String name, Parser parser) {
        return new Column(name, true, parser);
    }

    private static Column optional(String name, Parser parser) {
        return new Column(name, false, parser);
    }

    private static Parser text(int max) {
        return (row, column, required) -> row.text(column, max, required);
    }

    private static Parser number(double min, double max) {
        return (row, column, required) -> row.number(column, min, max, required);
    }

    private static Parser oneOf(Set<String> allowed) {
        return (row, column, required) -> row.oneOf(column, allowed);
    }

    private static Parser list(int max) {
        return (row, column, required) -> row.list(column, max);
    }

    /**
     * A reference (at most 200 characters) no earlier row of the file has: a repeat fails its row
     * ({@code failsRow}) or is only reported.
     */
    private static Parser unique(Set<String> seen, boolean failsRow) {
        return (row, column, required) -> {
            String ref = row.text(column, 200, required);
            if (ref != null && !seen.add(ref)) {
                if (failsRow) {
                    row.fail(column, ref, "appears twice in the file");
                } else {
                    row.report(column, ref, "appears twice in the file");
                }
            }
            return ref;
        };
    }

    /** A kind of file: the name of its template ({@code GET /csv/templates/<name>.csv}) and its columns in order. */
    private record Layout(String template, List<Column> columns) {

        List<String> names() {
            return columns.stream().map(Column::name).toList();
        }

        List<String> required() {
            return columns.stream().filter(Column::required).map(Column::name).toList();
        }

        /** Every cell of the row, read in column order (so a row's problems are listed in that order). */
        Cells read(Row row) {
            Map<String, @Nullable Object> values = new HashMap<>();
            for (Column column : columns) {
                values.put(column.name(), column.parser().read(row, column.name(), column.required()));
            }
            return new Cells(values);
        }
    }

    /** One row's values by column (null where a cell is empty or wrong). */
    private record Cells(Map<String, @Nullable Object> values) {

        @SuppressWarnings("unchecked")
        <T> T get(String column) {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("no column " + column + " in this layout");
            }
            return (T) values.get(column);
        }
    }

    static final Map<String, Integer> DAYS = Map.ofEntries(
            Map.entry("mon", 1),
            Map.entry("tue", 2),
            Map.entry("wed", 3),
            Map.entry("thu", 4),
            Map.entry("fri", 5),
            Map.entry("sat", 6),
            Map.entry("sun", 7),
            Map.entry("1", 1),
            Map.entry("2", 2),
            Map.entry("3", 3),
            Map.entry("4", 4),
            Map.entry("5", 5),
            Map.entry("6", 6),
            Map.entry("7", 7));

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

        /** A problem that is reported as it is, without failing the row. */
        void report(String column, String value, String reason) {
            errors.add(new RowError(number, column, value, reason));
        }

        void fail(String column, String value, String reason) {
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

        /** {@code a;b;c}: trimmed, empty parts left out, each at most 200 characters, no repeats. */
        List<String> list(String column, int max) {
            String value = cell(column);
            List<String> items = new ArrayList<>();
            if (value.isEmpty()) {
                return items;
            }
            for (String part : value.split(";")) {
                String item = part.trim();
                if (item.isEmpty()) {
                    continue;
                }
                if (item.length() > 200) {
                    fail(column, item, "at most 200 characters per item");
                } else if (items.contains(item)) {
                    fail(column, item, "listed twice");
                } else {
                    items.add(item);
                }
            }
            if (items.size() > max) {
                fail(column, value, "at most " + max + " items");
            }
            return items;
        }

        LocalDate date(String column, boolean required) {
            return temporal(column, required, LocalDate::parse, "must be a date like 2026-11-23");
        }

        /** Local wall-clock time, {@code HH:MM} (Europe/London). */
        LocalTime time(String column, boolean required) {
            return temporal(
                    column,
                    required,
                    value -> LocalTime.parse(value.length() == 4 ? "0" + value : value),
                    "must be a time like 08:30");
        }

        /** A date or time cell: empty is null (a problem when required), unparseable is {@code problem}. */
        private <T> @Nullable T temporal(
                String column, boolean required, java.util.function.Function<String, T> parse, String problem) {
            String value = cell(column);
            if (value.isEmpty()) {
                if (required) {
                    fail(column, value, "required");
                }
                return null;
            }
            try {
                return parse.apply(value);
            } catch (DateTimeParseException e) {
                fail(column, value, problem);
                return null;
            }
        }

        /** ISO days: {@code Mon;Wed;Fri}, {@code 1;3;5}, {@code daily}, {@code weekdays}, {@code weekends}. */
        List<Integer> days(String column) {
            String value = cell(column).toLowerCase();
            if (value.isEmpty()) {
                fail(column, value, "required");
                return List.of();
            }
            switch (value) {
                case "daily":
                    return List.of(1, 2, 3, 4, 5, 6, 7);
                case "weekdays":
                    return List.of(1, 2, 3, 4, 5);
                case "weekends":
                    return List.of(6, 7);
                default:
                    break;
            }
            java.util.TreeSet<Integer> days = new java.util.TreeSet<>();
            for (String part : value.split("[;\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                Integer day = DAYS.get(part.length() > 3 && !part.matches("\\d+") ? part.substring(0, 3) : part);
                if (day == null) {
                    fail(
                            column,
                            part,
                            "days are Mon..Sun or 1 (Monday)..7, separated by ';', or daily, weekdays, weekends");
                    return List.of();
                }
                days.add(day);
            }
            if (days.isEmpty()) {
                fail(column, value, "required");
            }
            return List.copyOf(days);
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
