package org.carerota.api.csv;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

    /** Service users: one row per person. */
    static final List<String> SERVICE_USER_COLUMNS = List.of(
            "external_ref",
            "name",
            "area",
            "lat",
            "lon",
            "postcode",
            "address",
            "gender",
            "gender_preference",
            "access_notes",
            "preferred_carers",
            "banned_carers",
            "regular_carers");

    /** Care packages: one row per recurring visit; rows with the same package_ref make one package. */
    static final List<String> CARE_PACKAGE_COLUMNS = List.of(
            "package_ref",
            "service_user",
            "commissioner",
            "starts_on",
            "ends_on",
            "label",
            "days",
            "every_weeks",
            "window_start",
            "window_end",
            "preferred_start",
            "duration_minutes",
            "carers_required",
            "priority",
            "skills");

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
    private static List<String> header(
            List<List<String>> rows,
            List<String> known,
            List<String> required,
            String template,
            List<RowError> errors) {
        List<String> header =
                rows.get(0).stream().map(h -> h.trim().toLowerCase()).toList();
        for (String column : required) {
            if (!header.contains(column)) {
                errors.add(new RowError(
                        0, column, "", "required column missing (see GET /csv/templates/" + template + ".csv)"));
            }
        }
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
        List<String> header =
                header(rows, SERVICE_USER_COLUMNS, List.of("name", "area", "lat", "lon"), "service-users", errors);
        int dataRows = rows.size() - 1;
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        List<ServiceUserImportRow> parsed = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = new Row(r, header, rows.get(r), errors);
            String ref = row.text("external_ref", 200, false);
            if (ref != null && !refs.add(ref)) {
                row.fail("external_ref", ref, "appears twice in the file");
            }
            String name = row.text("name", 200, true);
            String area = row.text("area", 200, true);
            Double lat = row.number("lat", -90, 90, true);
            Double lon = row.number("lon", -180, 180, true);
            String postcode = row.text("postcode", 16, false);
            String address = row.text("address", 500, false);
            String gender = row.oneOf("gender", Set.of("F", "M", "X"));
            String preference = row.oneOf("gender_preference", Set.of("F", "M"));
            String notes = row.text("access_notes", 2000, false);
            List<String> preferred = row.list("preferred_carers", 50);
            List<String> banned = row.list("banned_carers", 50);
            List<String> regular = row.list("regular_carers", 50);
            preferred.stream()
                    .filter(banned::contains)
                    .findFirst()
                    .ifPresent(both -> row.fail("banned_carers", both, "a carer cannot be both preferred and banned"));
            if (row.ok()) {
                parsed.add(new ServiceUserImportRow(
                        ref,
                        name,
                        area,
                        lat,
                        lon,
                        postcode,
                        address,
                        gender,
                        preference,
                        notes,
                        preferred,
                        banned,
                        regular));
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
        List<String> header = header(
                rows,
                CARE_PACKAGE_COLUMNS,
                List.of(
                        "service_user",
                        "commissioner",
                        "starts_on",
                        "days",
                        "window_start",
                        "window_end",
                        "duration_minutes"),
                "care-packages",
                errors);
        int dataRows = rows.size() - 1;
        if (!errors.isEmpty()) {
            return Mono.just(new CsvImportReport(dataRows, 0, errors));
        }
        // rows grouped into packages by package_ref (a row without one is a package of its own)
        Map<String, PackageRows> packages = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = new Row(r, header, rows.get(r), errors);
            String ref = row.text("package_ref", 200, false);
            String person = row.text("service_user", 200, true);
            String commissioner = row.text("commissioner", 200, true);
            LocalDate startsOn = row.date("starts_on", true);
            LocalDate endsOn = row.date("ends_on", false);
            String label = row.text("label", 200, false);
            List<Integer> days = row.days("days");
            Double every = row.number("every_weeks", 1, 4, false);
            LocalTime windowStart = row.time("window_start", true);
            LocalTime windowEnd = row.time("window_end", true);
            LocalTime preferred = row.time("preferred_start", false);
            Double duration = row.number("duration_minutes", 1, 1440, true);
            Double carersRequired = row.number("carers_required", 1, 4, false);
            String priority = row.oneOf("priority", Set.of("TIME_CRITICAL", "HIGH", "NORMAL", "LOW"));
            List<String> skills = row.list("skills", 20);
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
                            label,
                            days,
                            every == null ? null : every.intValue(),
                            windowStart,
                            windowEnd,
                            preferred,
                            duration.intValue(),
                            carersRequired == null ? null : carersRequired.intValue(),
                            priority,
                            skills,
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
        List<String> header =
                header(rows, CARER_COLUMNS, List.of("name", "pool", "home_lat", "home_lon"), "carers", errors);
        int dataRows = rows.size() - 1;
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
            String value = cell(column);
            if (value.isEmpty()) {
                if (required) {
                    fail(column, value, "required");
                }
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                fail(column, value, "must be a date like 2026-11-23");
                return null;
            }
        }

        /** Local wall-clock time, {@code HH:MM} (Europe/London). */
        LocalTime time(String column, boolean required) {
            String value = cell(column);
            if (value.isEmpty()) {
                if (required) {
                    fail(column, value, "required");
                }
                return null;
            }
            try {
                return LocalTime.parse(value.length() == 4 ? "0" + value : value);
            } catch (DateTimeParseException e) {
                fail(column, value, "must be a time like 08:30");
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
