package org.carerota.planner.io;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link ProblemDocument} before anything is solved and returns every error found, each naming the field
 * path and the id of the item, for example {@code visits[3] (V-000004-D1).windowEnd: 07:00 is before windowStart
 * 08:00}.
 *
 * <p>Rules: schema version 1; a known time zone; horizon {@code to} not before {@code from}; unique ids in every list;
 * every reference (skill codes, pools, commissioners, carers, service users, visits, matrix points) resolves; windows
 * and shifts and absences end after they start, and no two shifts of a carer overlap; visits lie in the horizon;
 * durations above 0; carers required 1 to 4 and no more pinned carers than that; dependency gaps in order; no
 * negative minutes, rates, capacities or demands; every location has the coordinates the travel model needs; travel
 * parameters positive; a matrix square and as large as its point list.
 */
public final class ProblemValidator {

    /** Carers a visit may need, inclusive. */
    public static final int MIN_CARERS_REQUIRED = 1;

    public static final int MAX_CARERS_REQUIRED = 4;

    private final ProblemDocument problem;
    private final List<String> errors = new ArrayList<>();

    private ProblemValidator(ProblemDocument problem) {
        this.problem = problem;
    }

    /** Every error found, in document order; empty when the problem is valid. */
    public static List<String> validate(ProblemDocument problem) {
        ProblemValidator validator = new ProblemValidator(problem);
        validator.run();
        return List.copyOf(validator.errors);
    }

    /** Throws {@link InvalidProblemException} listing every error when the problem is not valid. */
    public static void requireValid(ProblemDocument problem) {
        List<String> errors = validate(problem);
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
    }

    private void run() {
        if (problem.schemaVersion() != ProblemDocument.SCHEMA_VERSION) {
            errors.add("schemaVersion: " + problem.schemaVersion() + " is not supported (expected "
                    + ProblemDocument.SCHEMA_VERSION + ")");
        }
        try {
            ZoneId.of(problem.timezone());
        } catch (DateTimeException e) {
            errors.add("timezone: unknown time zone '" + problem.timezone() + "'");
        }
        if (problem.horizon().to().isBefore(problem.horizon().from())) {
            errors.add("horizon.to: " + problem.horizon().to() + " is before horizon.from "
                    + problem.horizon().from());
        }
        Set<String> skills = unique("skills", problem.skills(), ProblemDocument.Skill::code, "code");
        Set<String> commissioners =
                unique("commissioners", problem.commissioners(), ProblemDocument.Commissioner::id, "id");
        Set<String> pools = unique("pools", problem.pools(), ProblemDocument.Pool::id, "id");
        Set<String> carers = unique("carers", problem.carers(), ProblemDocument.Carer::id, "id");
        Set<String> serviceUsers =
                unique("serviceUsers", problem.serviceUsers(), ProblemDocument.ServiceUser::id, "id");
        Set<String> visits = unique("visits", problem.visits(), ProblemDocument.Visit::id, "id");
        // re-planning: a visit may depend on a visit already started, listed on its carer's shift
        startedVisits.clear();
        problem.carers().forEach(carer -> carer.shifts()
                .forEach(shift -> shift.started().forEach(started -> startedVisits.add(started.visit()))));
        Set<String> points = travel();

        for (int i = 0; i < problem.pools().size(); i++) {
            ProblemDocument.Pool pool = problem.pools().get(i);
            String at = at("pools", i, pool.id());
            if (pool.serves() != null) {
                for (String commissioner : pool.serves()) {
                    reference(at + ".serves", commissioner, commissioners, "commissioner");
                }
            }
            notNegative(at + ".costPerHour", pool.costPerHour());
        }
        for (int i = 0; i < problem.carers().size(); i++) {
            carer(
                    at("carers", i, problem.carers().get(i).id()),
                    problem.carers().get(i),
                    skills,
                    pools,
                    points);
        }
        for (int i = 0; i < problem.serviceUsers().size(); i++) {
            ProblemDocument.ServiceUser user = problem.serviceUsers().get(i);
            String at = at("serviceUsers", i, user.id());
            location(at + ".location", user.location(), points);
            if (user.genderPreference() == Gender.X) {
                errors.add(at + ".genderPreference: must be F, M or absent");
            }
            references(at + ".preferredCarers", user.preferredCarers(), carers, "carer");
            references(at + ".bannedCarers", user.bannedCarers(), carers, "carer");
            references(at + ".regularCarers", user.regularCarers(), carers, "carer");
        }
        for (int i = 0; i < problem.visits().size(); i++) {
            ProblemDocument.Visit visit = problem.visits().get(i);
            visit(at("visits", i, visit.id()), visit, skills, commissioners, carers, serviceUsers, visits);
        }
        if (problem.published() != null) {
            List<ProblemDocument.PublishedAssignment> assignments =
                    problem.published().assignments();
            for (int i = 0; i < assignments.size(); i++) {
                ProblemDocument.PublishedAssignment assignment = assignments.get(i);
                String at = at("published.assignments", i, assignment.visit());
                reference(at + ".visit", assignment.visit(), visits, "visit");
                reference(at + ".carer", assignment.carer(), carers, "carer");
            }
        }
    }

    private final Set<String> startedVisits = new HashSet<>();

    private void carer(
            String at, ProblemDocument.Carer carer, Set<String> skills, Set<String> pools, Set<String> points) {
        if (carer.pool() != null) {
            reference(at + ".pool", carer.pool(), pools, "pool");
        }
        location(at + ".home", carer.home(), points);
        for (int s = 0; s < carer.skills().size(); s++) {
            reference(at + ".skills[" + s + "].code", carer.skills().get(s).code(), skills, "skill");
        }
        List<ProblemDocument.Shift> shifts = carer.shifts();
        for (int s = 0; s < shifts.size(); s++) {
            ProblemDocument.Shift shift = shifts.get(s);
            String shiftAt = at + ".shifts[" + s + "]";
            interval(shiftAt, shift.start(), shift.end());
            if (shift.startLocation() != null) {
                location(shiftAt + ".startLocation", shift.startLocation(), points);
            }
            if (shift.endLocation() != null) {
                location(shiftAt + ".endLocation", shift.endLocation(), points);
            }
            for (int v = 0; v < shift.started().size(); v++) {
                ProblemDocument.StartedVisit started = shift.started().get(v);
                String startedAt = shiftAt + ".started[" + v + "] (" + started.visit() + ")";
                location(startedAt + ".location", started.location(), points);
                if (started.end().isBefore(started.start())) {
                    errors.add(startedAt + ".end: " + started.end() + " is before start " + started.start());
                }
                if (v > 0 && started.start().isBefore(shift.started().get(v - 1).start())) {
                    errors.add(startedAt + ".start: " + started.start() + " is before the previous started visit's"
                            + " start " + shift.started().get(v - 1).start() + " (started visits are in order)");
                }
            }
        }
        List<ProblemDocument.Shift> sorted = new ArrayList<>(shifts);
        sorted.sort(Comparator.comparing(ProblemDocument.Shift::start));
        for (int s = 1; s < sorted.size(); s++) {
            ProblemDocument.Shift previous = sorted.get(s - 1);
            ProblemDocument.Shift next = sorted.get(s);
            if (next.start().isBefore(previous.end()) && previous.start().isBefore(previous.end())) {
                errors.add(at + ".shifts: shift " + next.start() + "–" + next.end() + " overlaps shift "
                        + previous.start() + "–" + previous.end());
            }
        }
        for (int s = 0; s < carer.absences().size(); s++) {
            ProblemDocument.Absence absence = carer.absences().get(s);
            interval(at + ".absences[" + s + "]", absence.start(), absence.end());
        }
        notNegative(at + ".contractedMinutesPerWeek", carer.contractedMinutesPerWeek());
        positive(at + ".maxWorkingMinutesPerDay", carer.maxWorkingMinutesPerDay());
        if (carer.pay() != null) {
            notNegative(at + ".pay.rate", carer.pay().rate());
        }
        notNegative(at + ".capacity", carer.capacity());
    }

    private void visit(
            String at,
            ProblemDocument.Visit visit,
            Set<String> skills,
            Set<String> commissioners,
            Set<String> carers,
            Set<String> serviceUsers,
            Set<String> visits) {
        reference(at + ".serviceUser", visit.serviceUser(), serviceUsers, "service user");
        if (visit.commissioner() != null) {
            reference(at + ".commissioner", visit.commissioner(), commissioners, "commissioner");
        }
        if (visit.windowEnd().isBefore(visit.windowStart())) {
            errors.add(at + ".windowEnd: " + visit.windowEnd() + " is before windowStart " + visit.windowStart());
        }
        if (!problem.horizon().contains(visit.windowStart().toLocalDate())) {
            errors.add(at + ".windowStart: " + visit.windowStart() + " is outside the horizon "
                    + problem.horizon().from() + " to " + problem.horizon().to());
        }
        if (!(visit.durationMinutes() > 0) || visit.durationMinutes().isInfinite()) {
            errors.add(at + ".durationMinutes: must be more than 0, found " + number(visit.durationMinutes()));
        }
        if (visit.carersRequired() < MIN_CARERS_REQUIRED || visit.carersRequired() > MAX_CARERS_REQUIRED) {
            errors.add(at + ".carersRequired: must be " + MIN_CARERS_REQUIRED + " to " + MAX_CARERS_REQUIRED
                    + ", found " + visit.carersRequired());
        }
        references(at + ".requiredSkills", visit.requiredSkills(), skills, "skill");
        references(at + ".pinnedCarers", visit.pinnedCarers(), carers, "carer");
        if (new HashSet<>(visit.pinnedCarers()).size() != visit.pinnedCarers().size()) {
            errors.add(at + ".pinnedCarers: a carer is pinned twice");
        }
        if (visit.pinnedCarers().size() > Math.max(visit.carersRequired(), 0)) {
            errors.add(at + ".pinnedCarers: " + visit.pinnedCarers().size() + " carers pinned but only "
                    + visit.carersRequired() + " required");
        }
        ProblemDocument.Dependency dependency = visit.dependsOn();
        if (dependency != null) {
            if (!startedVisits.contains(dependency.visit())) {
                reference(at + ".dependsOn.visit", dependency.visit(), visits, "visit");
            }
            if (dependency.visit().equals(visit.id())) {
                errors.add(at + ".dependsOn.visit: a visit cannot depend on itself");
            }
            if (dependency.maxGapMinutes() != null && dependency.maxGapMinutes() < dependency.minGapMinutes()) {
                errors.add(at + ".dependsOn.maxGapMinutes: " + number(dependency.maxGapMinutes())
                        + " is less than minGapMinutes " + number(dependency.minGapMinutes()));
            }
        }
        notNegative(at + ".demand", visit.demand());
    }

    /** Checks the travel model; returns the matrix point ids (empty for other models). */
    private Set<String> travel() {
        ProblemDocument.Travel travel = problem.travel();
        switch (travel.model()) {
            case STRAIGHT_LINE -> {
                Double detour = travel.detourFactor();
                if (detour == null || !(detour >= 1.0) || detour.isInfinite()) {
                    errors.add("travel.detourFactor: must be at least 1, found " + number(detour));
                }
                for (Map.Entry<String, Double> speed : travel.speedsKmh().entrySet()) {
                    if (!isTravelMode(speed.getKey())) {
                        errors.add("travel.speedsKmh." + speed.getKey() + ": unknown travel mode (expected one of "
                                + List.of(TravelMode.values()) + ")");
                    }
                    positive("travel.speedsKmh." + speed.getKey(), speed.getValue());
                }
                return Set.of();
            }
            case PLANAR -> {
                positive("travel.unitsPerMinute", travel.unitsPerMinute());
                return Set.of();
            }
            case MATRIX -> {
                return matrix(travel);
            }
            default -> throw new IllegalStateException("unknown travel model " + travel.model());
        }
    }

    private Set<String> matrix(ProblemDocument.Travel travel) {
        Set<String> points = new HashSet<>();
        for (int i = 0; i < travel.points().size(); i++) {
            if (!points.add(travel.points().get(i))) {
                errors.add("travel.points[" + i + "]: duplicate point '"
                        + travel.points().get(i) + "'");
            }
        }
        if (travel.points().isEmpty()) {
            errors.add("travel.points: a MATRIX travel model needs at least one point");
        }
        square("travel.minutes", travel.minutes(), travel.points().size());
        if (travel.km() != null) {
            square("travel.km", travel.km(), travel.points().size());
        }
        return points;
    }

    private void square(String at, List<List<Double>> matrix, int size) {
        if (matrix.size() != size) {
            errors.add(at + ": has " + matrix.size() + " rows but there are " + size + " points");
        }
        for (int row = 0; row < matrix.size(); row++) {
            List<Double> values = matrix.get(row);
            if (values.size() != size) {
                errors.add(at + "[" + row + "]: has " + values.size() + " columns but there are " + size + " points");
            }
            for (int column = 0; column < values.size(); column++) {
                double value = values.get(column);
                if (!(value >= 0) || Double.isInfinite(value)) {
                    errors.add(at + "[" + row + "][" + column + "]: must be 0 or more, found " + number(value));
                }
            }
        }
    }

    private void location(String at, ProblemDocument.Location location, Set<String> points) {
        switch (problem.travel().model()) {
            case STRAIGHT_LINE -> {
                if (!location.hasLatLon()) {
                    errors.add(at + ": lat and lon are required by the STRAIGHT_LINE travel model");
                } else {
                    if (Math.abs(location.lat()) > 90) {
                        errors.add(at + ".lat: " + number(location.lat()) + " is not a latitude (-90 to 90)");
                    }
                    if (Math.abs(location.lon()) > 180) {
                        errors.add(at + ".lon: " + number(location.lon()) + " is not a longitude (-180 to 180)");
                    }
                }
            }
            case PLANAR -> {
                if (!location.hasXy()) {
                    errors.add(at + ": x and y are required by the PLANAR travel model");
                }
            }
            case MATRIX -> {
                if (!location.hasPoint()) {
                    errors.add(at + ": point is required by the MATRIX travel model");
                } else if (!points.contains(location.point())) {
                    errors.add(at + ".point: unknown matrix point '" + location.point() + "'");
                }
            }
            default ->
                throw new IllegalStateException(
                        "unknown travel model " + problem.travel().model());
        }
    }

    private void interval(String at, LocalDateTime start, LocalDateTime end) {
        if (!end.isAfter(start)) {
            errors.add(at + ".end: " + end + " is not after start " + start);
        }
    }

    private <T> Set<String> unique(String list, List<T> items, Function<T, String> id, String field) {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String value = id.apply(items.get(i));
            if (value.isBlank()) {
                errors.add(list + "[" + i + "]." + field + ": must not be blank");
            } else if (!ids.add(value)) {
                errors.add(at(list, i, value) + "." + field + ": duplicate " + field + " (first at " + list + "["
                        + first.get(value) + "])");
            } else {
                first.put(value, i);
            }
        }
        return ids;
    }

    private void references(String at, Collection<String> values, Set<String> known, String what) {
        for (String value : values) {
            reference(at, value, known, what);
        }
    }

    private void reference(String at, String value, Set<String> known, String what) {
        if (!known.contains(value)) {
            errors.add(at + ": unknown " + what + " '" + value + "'");
        }
    }

    private void notNegative(String at, @Nullable Double value) {
        if (value != null && (!(value >= 0) || value.isInfinite())) {
            errors.add(at + ": must be 0 or more, found " + number(value));
        }
    }

    private void positive(String at, @Nullable Double value) {
        if (value != null && (!(value > 0) || value.isInfinite())) {
            errors.add(at + ": must be more than 0, found " + number(value));
        }
    }

    private static boolean isTravelMode(String name) {
        for (TravelMode mode : TravelMode.values()) {
            if (mode.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String at(String list, int index, String id) {
        return list + "[" + index + "] (" + id + ")";
    }

    private static String number(@Nullable Double value) {
        if (value == null) {
            return "nothing";
        }
        if (value == Math.rint(value) && !value.isInfinite()) {
            return String.format(Locale.ROOT, "%d", value.longValue());
        }
        return value.toString();
    }
}
