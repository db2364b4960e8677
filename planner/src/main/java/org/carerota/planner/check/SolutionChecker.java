package org.carerota.planner.check;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.carerota.planner.io.PayModel;
import org.carerota.planner.io.Priority;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.jspecify.annotations.Nullable;

/**
 * An independent validator of a solution: it recomputes, from the problem and solution documents only (never the
 * solver's domain, travel or score code), what every carer's day really is, and reports every hard rule the
 * solution breaks, every figure it reports wrongly, and the recomputed metrics.
 *
 * <p>Hard rules (each a {@link Rule}): every visit appears exactly once per required carer, in a shift or in
 * unassigned, never twice for one carer; a carer's visits do not overlap and leave time to travel between them;
 * every visit starts no earlier than its window start and ends after its duration; a time-critical visit starts no
 * later than its window end; visits lie within the carer's shifts (the journey from the start location and back
 * included), never in an absence, on the shift's day; the carer holds every required skill in date on the visit day;
 * the carers of a double-up are different and start together, and a dependent visit starts within its gap after the
 * visit it depends on, by different carers; no banned carer; the carer's pool serves the visit's commissioner; pinned
 * carers are assigned; a day's working span (leaving the start location to getting back, waiting included) is within
 * the carer's daily maximum; a working span longer than the rest-break threshold contains a wait of at least the rest
 * break; carers paid per visit or per contact hour earn at least the minimum hourly wage over the time from their
 * first visit's start to their last visit's end.
 *
 * <p>Times are compared with a tolerance of {@link #TOLERANCE_MINUTES} (solvers may round travel to whole minutes).
 */
public final class SolutionChecker {

    /** Slack, in minutes, allowed when comparing times and per-leg travel. */
    public static final double TOLERANCE_MINUTES = 1.0;

    /** A start later than the window end by more than this (a second) counts as a late start. */
    public static final double LATE_EPSILON_MINUTES = 1.0 / 60;

    /** Slack, in km, allowed when comparing a leg's distance. */
    public static final double TOLERANCE_KM = 0.05;

    /** The rules a solution can break. */
    public enum Rule {
        COVERAGE,
        UNKNOWN_REFERENCE,
        OVERLAP,
        TRAVEL_TIME,
        WINDOW_START,
        DURATION,
        LATEST_START,
        SHIFT,
        ABSENCE,
        DAY,
        SKILL,
        DOUBLE_UP,
        DEPENDENCY,
        BANNED,
        POOL,
        PINNED,
        MAX_WORKING_TIME,
        REST_BREAK,
        MINIMUM_WAGE
    }

    /**
     * A broken hard rule.
     *
     * @param rule which rule
     * @param visit the visit concerned, or {@code null}
     * @param carer the carer concerned, or {@code null}
     * @param message what is wrong, with the figures
     */
    public record Violation(Rule rule, @Nullable String visit, @Nullable String carer, String message) {
        @Override
        public String toString() {
            return rule + ": " + message;
        }
    }

    /**
     * What the checker recomputed.
     *
     * @param travelMinutes all travel, from the start location, between visits and back
     * @param travelKm the same in km (PLANAR: distance units)
     * @param visitMinutes time spent on visits, summed over carers
     * @param workingMinutes summed working spans (leaving to getting back, waiting included)
     * @param idleMinutes waiting before visits, the first of each day excluded
     * @param assignedPlaces carer places on visits that are assigned
     * @param unassignedPlaces carer places on visits that are not
     * @param unassignedVisits visits with at least one place not assigned
     * @param incompleteDoubleUps visits needing several carers of which some but not all places are assigned (the
     *     format allows it; a coordinator must not send one carer alone to a two-carer visit)
     * @param unassignedMinutes duration times unassigned places
     * @param lateStarts assigned places starting after the window end (by more than a second; for a time-critical
     *     visit more than {@link #TOLERANCE_MINUTES} late is also a violation)
     * @param lateMinutes minutes those starts are after the window end
     * @param minutesAfterPreferred minutes assigned places start after their preferred start
     */
    public record Metrics(
            double travelMinutes,
            double travelKm,
            double visitMinutes,
            double workingMinutes,
            double idleMinutes,
            int assignedPlaces,
            int unassignedPlaces,
            int unassignedVisits,
            int incompleteDoubleUps,
            double unassignedMinutes,
            int lateStarts,
            double lateMinutes,
            double minutesAfterPreferred) {

        /** The metrics as a map keyed like the solution's {@code metrics}. */
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("travelMinutes", travelMinutes);
            map.put("travelKm", travelKm);
            map.put("visitMinutes", visitMinutes);
            map.put("workingMinutes", workingMinutes);
            map.put("idleMinutes", idleMinutes);
            map.put("assignedPlaces", assignedPlaces);
            map.put("unassignedPlaces", unassignedPlaces);
            map.put("unassignedVisits", unassignedVisits);
            map.put("incompleteDoubleUps", incompleteDoubleUps);
            map.put("unassignedMinutes", unassignedMinutes);
            map.put("lateStarts", lateStarts);
            map.put("lateMinutes", lateMinutes);
            map.put("minutesAfterPreferred", minutesAfterPreferred);
            return map;
        }
    }

    /**
     * The result of a check.
     *
     * @param violations every hard rule broken
     * @param mismatches every figure the solution reports that differs from the recomputed one (travel per leg,
     *     arrival, end, feasibility, travelMinutes/travelKm/lateStarts/unassignedMinutes metrics when reported)
     * @param metrics the recomputed metrics
     */
    public record Report(List<Violation> violations, List<String> mismatches, Metrics metrics) {
        public Report {
            violations = List.copyOf(violations);
            mismatches = List.copyOf(mismatches);
        }

        /** No hard rule broken. */
        public boolean feasible() {
            return violations.isEmpty();
        }

        /** No hard rule broken and every reported figure agrees. */
        public boolean ok() {
            return violations.isEmpty() && mismatches.isEmpty();
        }

        /** Violations of one rule. */
        public List<Violation> violationsOf(Rule rule) {
            return violations.stream().filter(v -> v.rule() == rule).toList();
        }

        /** A readable report. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            text.append(
                    violations.isEmpty() ? "No hard rule broken.\n" : violations.size() + " hard rule(s) broken:\n");
            for (Violation violation : violations) {
                text.append("  ").append(violation).append('\n');
            }
            text.append(
                    mismatches.isEmpty()
                            ? "Every reported figure agrees.\n"
                            : mismatches.size() + " reported figure(s) differ:\n");
            for (String mismatch : mismatches) {
                text.append("  ").append(mismatch).append('\n');
            }
            text.append("Recomputed metrics:\n");
            for (Map.Entry<String, Object> metric : metrics.asMap().entrySet()) {
                Object value = metric.getValue();
                text.append("  ")
                        .append(metric.getKey())
                        .append(": ")
                        .append(value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : value)
                        .append('\n');
            }
            return text.toString();
        }
    }

    private final ProblemDocument problem;
    private final SolutionDocument solution;
    private final IndependentTravel travel;
    private final Map<String, ProblemDocument.Carer> carers = new HashMap<>();
    private final Map<String, ProblemDocument.Visit> visits = new LinkedHashMap<>();
    private final Map<String, ProblemDocument.ServiceUser> users = new HashMap<>();
    private final Map<String, ProblemDocument.Pool> pools = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();

    /** Where each visit place was served: visit id to (carer, start). */
    private final Map<String, List<Served>> served = new LinkedHashMap<>();

    private double travelMinutes;
    private double travelKm;
    private double visitMinutes;
    private double workingMinutes;
    private double idleMinutes;
    private int lateStarts;
    private double lateMinutes;
    private double afterPreferred;
    private int legs;

    private record Served(String carer, LocalDateTime start, LocalDateTime end, int plan) {}

    private SolutionChecker(ProblemDocument problem, SolutionDocument solution) {
        this.problem = problem;
        this.solution = solution;
        this.travel = new IndependentTravel(problem.travel());
        problem.carers().forEach(c -> carers.put(c.id(), c));
        problem.visits().forEach(v -> visits.put(v.id(), v));
        problem.serviceUsers().forEach(u -> users.put(u.id(), u));
        problem.pools().forEach(p -> pools.put(p.id(), p));
    }

    /** Checks a solution against its problem. */
    public static Report check(ProblemDocument problem, SolutionDocument solution) {
        SolutionChecker checker = new SolutionChecker(problem, solution);
        return checker.run();
    }

    private Report run() {
        for (int i = 0; i < solution.shifts().size(); i++) {
            shift(solution.shifts().get(i), i);
        }
        acrossShifts();
        Map<String, Integer> unassigned = new HashMap<>();
        for (SolutionDocument.Unassigned place : solution.unassigned()) {
            if (!visits.containsKey(place.visit())) {
                violation(
                        Rule.UNKNOWN_REFERENCE,
                        place.visit(),
                        null,
                        "unassigned visit " + place.visit() + " is not in the problem");
            }
            unassigned.merge(place.visit(), 1, Integer::sum);
        }
        int assignedPlaces = 0;
        int unassignedPlaces = 0;
        int unassignedVisits = 0;
        int incompleteDoubleUps = 0;
        double unassignedMinutes = 0;
        for (ProblemDocument.Visit visit : visits.values()) {
            List<Served> places = served.getOrDefault(visit.id(), List.of());
            int missing = unassigned.getOrDefault(visit.id(), 0);
            assignedPlaces += places.size();
            unassignedPlaces += missing;
            unassignedMinutes += missing * visit.durationMinutes();
            if (missing > 0) {
                unassignedVisits++;
                if (!places.isEmpty()) {
                    incompleteDoubleUps++;
                }
            }
            if (places.size() + missing != visit.carersRequired()) {
                violation(
                        Rule.COVERAGE,
                        visit.id(),
                        null,
                        String.format(
                                Locale.ROOT,
                                "visit %s needs %d carer(s) but appears %d time(s) in shifts and %d in unassigned",
                                visit.id(),
                                visit.carersRequired(),
                                places.size(),
                                missing));
            }
            synchronisation(visit, places);
            for (String pinned : visit.pinnedCarers()) {
                if (places.stream().noneMatch(p -> p.carer().equals(pinned))) {
                    violation(
                            Rule.PINNED,
                            visit.id(),
                            pinned,
                            "visit " + visit.id() + " is pinned to " + pinned + " but not assigned to them");
                }
            }
        }
        Metrics metrics = new Metrics(
                travelMinutes,
                travelKm,
                visitMinutes,
                workingMinutes,
                idleMinutes,
                assignedPlaces,
                unassignedPlaces,
                unassignedVisits,
                incompleteDoubleUps,
                unassignedMinutes,
                lateStarts,
                lateMinutes,
                afterPreferred);
        compareMetrics(metrics);
        if (solution.feasible() != violations.isEmpty()) {
            mismatches.add(
                    "feasible: reported " + solution.feasible() + " but " + violations.size() + " hard rule(s) broken");
        }
        return new Report(violations, mismatches, metrics);
    }

    private void shift(SolutionDocument.ShiftPlan plan, int planIndex) {
        ProblemDocument.Carer carer = carers.get(plan.carer());
        if (carer == null) {
            violation(Rule.UNKNOWN_REFERENCE, null, plan.carer(), "shift of unknown carer " + plan.carer());
            return;
        }
        if (!problem.horizon().contains(plan.date())) {
            violation(
                    Rule.DAY,
                    null,
                    carer.id(),
                    "shift of " + carer.id() + " on " + plan.date() + " is outside the horizon");
        }
        if (plan.visits().isEmpty()) {
            return;
        }
        ProblemDocument.Shift availability =
                availabilityAt(carer, plan.visits().get(0).start());
        ProblemDocument.Location startLocation = availability != null && availability.startLocation() != null
                ? availability.startLocation()
                : carer.home();
        ProblemDocument.Location location = startLocation;
        Set<String> seen = new HashSet<>();
        @Nullable LocalDateTime previousEnd = null;
        LocalDateTime departure = plan.visits().get(0).start();
        LocalDateTime firstStart = plan.visits().get(0).start();
        double contact = 0;
        double longestWait = 0;
        for (int i = 0; i < plan.visits().size(); i++) {
            SolutionDocument.PlannedVisit planned = plan.visits().get(i);
            ProblemDocument.Visit visit = visits.get(planned.visit());
            if (visit == null) {
                violation(
                        Rule.UNKNOWN_REFERENCE,
                        planned.visit(),
                        carer.id(),
                        carer.id() + " serves " + planned.visit() + ", which is not in the problem");
                continue;
            }
            if (!seen.add(visit.id())) {
                violation(
                        Rule.COVERAGE,
                        visit.id(),
                        carer.id(),
                        carer.id() + " serves " + visit.id() + " twice on " + plan.date());
            }
            ProblemDocument.ServiceUser user = users.get(visit.serviceUser());
            ProblemDocument.Location here = user == null ? location : user.location();
            double legMinutes = travel.minutes(location, here, carer.travelMode());
            double legKm = travel.km(location, here);
            travelMinutes += legMinutes;
            travelKm += legKm;
            legs++;
            compareLeg(
                    planned.travelMinutesBefore(), legMinutes, planned.travelKmBefore(), legKm, visit.id(), carer.id());
            LocalDateTime arrival;
            if (previousEnd == null) {
                // A carer leaves just in time for the first visit: waiting at home is not work.
                departure = minus(planned.start(), legMinutes);
                arrival = planned.start();
                if (plan.start() != null && planned.arrival() != null) {
                    LocalDateTime earliest = plus(plan.start(), legMinutes);
                    if (minutes(planned.arrival(), earliest) > TOLERANCE_MINUTES) {
                        mismatches.add(String.format(
                                Locale.ROOT,
                                "%s at %s: reported arrival %s is before the earliest possible %s (leaves at %s,"
                                        + " %.1f min travel)",
                                carer.id(),
                                visit.id(),
                                planned.arrival(),
                                earliest.withNano(0),
                                plan.start(),
                                legMinutes));
                    }
                }
            } else {
                arrival = plus(previousEnd, legMinutes);
                if (minutes(planned.start(), arrival) > TOLERANCE_MINUTES) {
                    violation(
                            Rule.TRAVEL_TIME,
                            visit.id(),
                            carer.id(),
                            String.format(
                                    Locale.ROOT,
                                    "%s starts %s at %s but cannot arrive before %s (previous visit ends %s, %.1f min travel)",
                                    carer.id(),
                                    visit.id(),
                                    planned.start(),
                                    arrival.withNano(0),
                                    previousEnd,
                                    legMinutes));
                }
                if (planned.start().isBefore(previousEnd)) {
                    violation(
                            Rule.OVERLAP,
                            visit.id(),
                            carer.id(),
                            carer.id() + " starts " + visit.id() + " at " + planned.start()
                                    + " before the previous visit ends at " + previousEnd);
                }
                double wait = Math.max(0, minutes(arrival, planned.start()));
                idleMinutes += wait;
                longestWait = Math.max(longestWait, wait);
                if (planned.arrival() != null && minutes(planned.arrival(), arrival) > TOLERANCE_MINUTES) {
                    mismatches.add(String.format(
                            Locale.ROOT,
                            "%s at %s: reported arrival %s is before the earliest possible %s",
                            carer.id(),
                            visit.id(),
                            planned.arrival(),
                            arrival.withNano(0)));
                }
            }
            visitRules(plan, carer, visit, planned);
            contact += visit.durationMinutes();
            served.computeIfAbsent(visit.id(), v -> new ArrayList<>())
                    .add(new Served(carer.id(), planned.start(), planned.end(), planIndex));
            previousEnd = planned.end();
            location = here;
        }
        ProblemDocument.Shift lastAvailability = availabilityAt(carer, previousEnd == null ? firstStart : previousEnd);
        ProblemDocument.Location endLocation = lastAvailability != null && lastAvailability.endLocation() != null
                ? lastAvailability.endLocation()
                : carer.home();
        double homeMinutes = travel.minutes(location, endLocation, carer.travelMode());
        double homeKm = travel.km(location, endLocation);
        travelMinutes += homeMinutes;
        travelKm += homeKm;
        legs++;
        if (plan.travelMinutesToEnd() != null
                && Math.abs(plan.travelMinutesToEnd() - homeMinutes) > TOLERANCE_MINUTES) {
            mismatches.add(String.format(
                    Locale.ROOT,
                    "%s on %s: travelMinutesToEnd reported %.2f, recomputed %.2f",
                    carer.id(),
                    plan.date(),
                    plan.travelMinutesToEnd(),
                    homeMinutes));
        }
        if (previousEnd == null) {
            return;
        }
        LocalDateTime back = plus(previousEnd, homeMinutes);
        if (plan.start() != null && Math.abs(minutes(plan.start(), departure)) > TOLERANCE_MINUTES) {
            mismatches.add(String.format(
                    Locale.ROOT,
                    "%s on %s: reported start (leaves) %s, recomputed %s",
                    carer.id(),
                    plan.date(),
                    plan.start(),
                    departure.withNano(0)));
        }
        if (plan.end() != null && Math.abs(minutes(plan.end(), back)) > TOLERANCE_MINUTES) {
            mismatches.add(String.format(
                    Locale.ROOT,
                    "%s on %s: reported end (back) %s, recomputed %s",
                    carer.id(),
                    plan.date(),
                    plan.end(),
                    back.withNano(0)));
        }
        // The journey from and back to the start/end location lies within the carer's shifts.
        if (availability != null && minutes(departure, availability.start()) > TOLERANCE_MINUTES) {
            violation(
                    Rule.SHIFT,
                    null,
                    carer.id(),
                    String.format(
                            Locale.ROOT,
                            "%s must leave at %s for the first visit, before the shift starts at %s",
                            carer.id(),
                            departure.withNano(0),
                            availability.start()));
        }
        if (lastAvailability != null && minutes(lastAvailability.end(), back) > TOLERANCE_MINUTES) {
            violation(
                    Rule.SHIFT,
                    null,
                    carer.id(),
                    String.format(
                            Locale.ROOT,
                            "%s is back at %s, after the shift ends at %s",
                            carer.id(),
                            back.withNano(0),
                            lastAvailability.end()));
        }
        double span = minutes(departure, back);
        workingMinutes += span;
        visitMinutes += contact;
        if (carer.maxWorkingMinutesPerDay() != null && span > carer.maxWorkingMinutesPerDay() + TOLERANCE_MINUTES) {
            violation(
                    Rule.MAX_WORKING_TIME,
                    null,
                    carer.id(),
                    String.format(
                            Locale.ROOT,
                            "%s works %.0f min on %s, more than the maximum %.0f",
                            carer.id(),
                            span,
                            plan.date(),
                            carer.maxWorkingMinutesPerDay()));
        }
        ProblemDocument.Settings settings = problem.settings();
        if (span > settings.restBreakAfterMinutes() + TOLERANCE_MINUTES
                && longestWait < settings.restBreakMinutes() - TOLERANCE_MINUTES) {
            violation(
                    Rule.REST_BREAK,
                    null,
                    carer.id(),
                    String.format(
                            Locale.ROOT,
                            "%s works %.0f min on %s with no break of %.0f min (longest wait %.0f min)",
                            carer.id(),
                            span,
                            plan.date(),
                            settings.restBreakMinutes(),
                            longestWait));
        }
        minimumWage(carer, plan, firstStart, previousEnd, contact);
    }

    private void visitRules(
            SolutionDocument.ShiftPlan plan,
            ProblemDocument.Carer carer,
            ProblemDocument.Visit visit,
            SolutionDocument.PlannedVisit planned) {
        String who = carer.id() + " at " + visit.id();
        if (minutes(planned.start(), visit.windowStart()) > TOLERANCE_MINUTES) {
            violation(
                    Rule.WINDOW_START,
                    visit.id(),
                    carer.id(),
                    who + " starts at " + planned.start() + ", before the window starts at " + visit.windowStart());
        }
        double late = minutes(visit.windowEnd(), planned.start());
        if (late > TOLERANCE_MINUTES && visit.priority() == Priority.TIME_CRITICAL) {
            violation(
                    Rule.LATEST_START,
                    visit.id(),
                    carer.id(),
                    String.format(
                            Locale.ROOT,
                            "%s starts at %s, %.0f min after the latest start %s of a time-critical visit",
                            who,
                            planned.start(),
                            late,
                            visit.windowEnd()));
        }
        if (late > LATE_EPSILON_MINUTES) {
            lateStarts++;
            lateMinutes += late;
        }
        if (visit.preferredStart() != null) {
            afterPreferred += Math.max(0, minutes(visit.preferredStart(), planned.start()));
        }
        double length = minutes(planned.start(), planned.end());
        if (Math.abs(length - visit.durationMinutes()) > TOLERANCE_MINUTES) {
            violation(
                    Rule.DURATION,
                    visit.id(),
                    carer.id(),
                    String.format(
                            Locale.ROOT,
                            "%s lasts %.0f min but the visit takes %.0f",
                            who,
                            length,
                            visit.durationMinutes()));
        }
        if (!visit.date().equals(plan.date())) {
            violation(
                    Rule.DAY,
                    visit.id(),
                    carer.id(),
                    who + ": the visit is on " + visit.date() + " but the shift is on " + plan.date());
        }
        if (!within(carer, planned.start(), planned.end())) {
            violation(
                    Rule.SHIFT,
                    visit.id(),
                    carer.id(),
                    who + " (" + planned.start().toLocalTime() + "-"
                            + planned.end().toLocalTime() + ") is outside the carer's shifts");
        }
        for (ProblemDocument.Absence absence : carer.absences()) {
            if (planned.start().isBefore(absence.end()) && absence.start().isBefore(planned.end())) {
                violation(
                        Rule.ABSENCE,
                        visit.id(),
                        carer.id(),
                        who + " overlaps an absence " + absence.start() + "-" + absence.end()
                                + (absence.reason() == null ? "" : " (" + absence.reason() + ")"));
            }
        }
        for (String skill : visit.requiredSkills()) {
            if (!holdsInDate(carer, skill, visit.date())) {
                violation(Rule.SKILL, visit.id(), carer.id(), who + ": no " + skill + " in date on " + visit.date());
            }
        }
        ProblemDocument.ServiceUser user = users.get(visit.serviceUser());
        if (user != null && user.bannedCarers().contains(carer.id())) {
            violation(Rule.BANNED, visit.id(), carer.id(), who + ": " + carer.id() + " is banned by " + user.id());
        }
        if (carer.pool() != null && visit.commissioner() != null) {
            ProblemDocument.Pool pool = pools.get(carer.pool());
            if (pool != null && pool.serves() != null && !pool.serves().contains(visit.commissioner())) {
                violation(
                        Rule.POOL,
                        visit.id(),
                        carer.id(),
                        who + ": pool " + pool.id() + " does not serve " + visit.commissioner());
            }
        }
    }

    /** A carer listed in several shifts (for example one per part of a split shift) is never at two visits at once. */
    private void acrossShifts() {
        Map<String, List<Map.Entry<String, Served>>> byCarer = new LinkedHashMap<>();
        for (Map.Entry<String, List<Served>> visit : served.entrySet()) {
            for (Served place : visit.getValue()) {
                byCarer.computeIfAbsent(place.carer(), c -> new ArrayList<>()).add(Map.entry(visit.getKey(), place));
            }
        }
        for (Map.Entry<String, List<Map.Entry<String, Served>>> carer : byCarer.entrySet()) {
            List<Map.Entry<String, Served>> places = new ArrayList<>(carer.getValue());
            places.sort(Map.Entry.comparingByValue((a, b) -> a.start().compareTo(b.start())));
            for (int i = 1; i < places.size(); i++) {
                Map.Entry<String, Served> previous = places.get(i - 1);
                Map.Entry<String, Served> next = places.get(i);
                boolean samePlan = previous.getValue().plan() == next.getValue().plan();
                if (!samePlan
                        && minutes(next.getValue().start(), previous.getValue().end()) > TOLERANCE_MINUTES) {
                    violation(
                            Rule.OVERLAP,
                            next.getKey(),
                            carer.getKey(),
                            carer.getKey() + " is at " + previous.getKey() + " until "
                                    + previous.getValue().end() + " and at " + next.getKey() + " from "
                                    + next.getValue().start());
                }
            }
        }
    }

    private void synchronisation(ProblemDocument.Visit visit, List<Served> places) {
        Set<String> carersOnVisit = new HashSet<>();
        for (Served place : places) {
            if (!carersOnVisit.add(place.carer())) {
                violation(
                        Rule.DOUBLE_UP,
                        visit.id(),
                        place.carer(),
                        place.carer() + " fills two places of " + visit.id());
            }
            if (Math.abs(minutes(places.get(0).start(), place.start())) > TOLERANCE_MINUTES) {
                violation(
                        Rule.DOUBLE_UP,
                        visit.id(),
                        place.carer(),
                        String.format(
                                Locale.ROOT,
                                "carers of %s start apart: %s at %s, %s at %s",
                                visit.id(),
                                places.get(0).carer(),
                                places.get(0).start(),
                                place.carer(),
                                place.start()));
            }
        }
        ProblemDocument.Dependency dependency = visit.dependsOn();
        if (dependency == null || places.isEmpty()) {
            return;
        }
        List<Served> before = served.getOrDefault(dependency.visit(), List.of());
        if (before.isEmpty()) {
            return;
        }
        double gap = minutes(before.get(0).start(), places.get(0).start());
        boolean tooSoon = gap < dependency.minGapMinutes() - TOLERANCE_MINUTES;
        boolean tooLate = dependency.maxGapMinutes() != null && gap > dependency.maxGapMinutes() + TOLERANCE_MINUTES;
        if (tooSoon || tooLate) {
            violation(
                    Rule.DEPENDENCY,
                    visit.id(),
                    null,
                    String.format(
                            Locale.ROOT,
                            "%s starts %.0f min after %s, outside %.0f to %s min",
                            visit.id(),
                            gap,
                            dependency.visit(),
                            dependency.minGapMinutes(),
                            dependency.maxGapMinutes() == null
                                    ? "any"
                                    : String.format(Locale.ROOT, "%.0f", dependency.maxGapMinutes())));
        }
        for (Served place : places) {
            if (before.stream().anyMatch(b -> b.carer().equals(place.carer()))) {
                violation(
                        Rule.DEPENDENCY,
                        visit.id(),
                        place.carer(),
                        visit.id() + " and " + dependency.visit() + " must be served by different carers, both by "
                                + place.carer());
            }
        }
    }

    private void minimumWage(
            ProblemDocument.Carer carer,
            SolutionDocument.ShiftPlan plan,
            LocalDateTime firstStart,
            LocalDateTime lastEnd,
            double contact) {
        Double floor = problem.settings().minimumHourlyWage();
        if (floor == null
                || carer.pay() == null
                || carer.pay().model() == null
                || carer.pay().rate() == null
                || carer.pay().model() == PayModel.HOURLY) {
            return;
        }
        double hours = minutes(firstStart, lastEnd) / 60.0;
        if (hours <= 0) {
            return;
        }
        double pay = carer.pay().model() == PayModel.PER_VISIT
                ? carer.pay().rate() * plan.visits().size()
                : carer.pay().rate() * contact / 60.0;
        if (pay / hours < floor - 0.005) {
            violation(
                    Rule.MINIMUM_WAGE,
                    null,
                    carer.id(),
                    String.format(
                            Locale.ROOT,
                            "%s earns £%.2f an hour on %s (£%.2f over %.2f h), below the minimum £%.2f",
                            carer.id(),
                            pay / hours,
                            plan.date(),
                            pay,
                            hours,
                            floor));
        }
    }

    private void compareLeg(
            @Nullable Double reportedMinutes,
            double minutes,
            @Nullable Double reportedKm,
            double km,
            String visit,
            String carer) {
        if (reportedMinutes != null && Math.abs(reportedMinutes - minutes) > TOLERANCE_MINUTES) {
            mismatches.add(String.format(
                    Locale.ROOT,
                    "%s at %s: travelMinutesBefore reported %.2f, recomputed %.2f",
                    carer,
                    visit,
                    reportedMinutes,
                    minutes));
        }
        if (reportedKm != null && Math.abs(reportedKm - km) > Math.max(TOLERANCE_KM, km * 0.01)) {
            mismatches.add(String.format(
                    Locale.ROOT,
                    "%s at %s: travelKmBefore reported %.3f, recomputed %.3f",
                    carer,
                    visit,
                    reportedKm,
                    km));
        }
    }

    private void compareMetrics(Metrics metrics) {
        Map<String, Object> reported = solution.metrics();
        compare(reported, "travelMinutes", metrics.travelMinutes(), TOLERANCE_MINUTES * Math.max(1, legs));
        compare(
                reported,
                "travelKm",
                metrics.travelKm(),
                Math.max(TOLERANCE_KM * Math.max(1, legs), metrics.travelKm() * 0.01));
        compare(reported, "lateStarts", metrics.lateStarts(), 0.5);
        compare(reported, "unassignedMinutes", metrics.unassignedMinutes(), 0.5);
    }

    private void compare(Map<String, Object> reported, String name, double recomputed, double tolerance) {
        Object value = reported.get(name);
        if (value instanceof Number number && Math.abs(number.doubleValue() - recomputed) > tolerance) {
            mismatches.add(
                    String.format(Locale.ROOT, "metrics.%s: reported %s, recomputed %.2f", name, number, recomputed));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The carer's shift that contains a moment (to a minute's tolerance), or {@code null}. */
    private static ProblemDocument.@Nullable Shift availabilityAt(ProblemDocument.Carer carer, LocalDateTime time) {
        for (ProblemDocument.Shift shift : carer.shifts()) {
            if (!time.isBefore(shift.start().minusMinutes(1))
                    && !time.isAfter(shift.end().plusMinutes(1))) {
                return shift;
            }
        }
        return null;
    }

    private static boolean within(ProblemDocument.Carer carer, LocalDateTime start, LocalDateTime end) {
        for (ProblemDocument.Shift shift : carer.shifts()) {
            if (minutes(start, shift.start()) <= TOLERANCE_MINUTES && minutes(shift.end(), end) <= TOLERANCE_MINUTES) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsInDate(ProblemDocument.Carer carer, String skill, LocalDate day) {
        for (ProblemDocument.CarerSkill held : carer.skills()) {
            if (held.code().equals(skill)
                    && (held.validUntil() == null || !held.validUntil().isBefore(day))) {
                return true;
            }
        }
        return false;
    }

    private void violation(Rule rule, @Nullable String visit, @Nullable String carer, String message) {
        violations.add(new Violation(rule, visit, carer, message));
    }

    /** Minutes from {@code a} to {@code b} (negative when b is before a), to the second. */
    static double minutes(LocalDateTime a, LocalDateTime b) {
        return Duration.between(a, b).toMillis() / 60_000.0;
    }

    private static LocalDateTime plus(LocalDateTime time, double minutes) {
        return time.plusNanos(Math.round(minutes * 60_000_000_000.0));
    }

    private static LocalDateTime minus(LocalDateTime time, double minutes) {
        return plus(time, -minutes);
    }
}
