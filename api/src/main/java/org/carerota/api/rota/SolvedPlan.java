package org.carerota.api.rota;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/**
 * A solution turned into the rows of a plan: routes, assignments (one per carer per visit slot)
 * and unassigned visit slots with reasons. Local times become Europe/London instants.
 */
record SolvedPlan(
        String score,
        long hard,
        long medium,
        long soft,
        boolean feasible,
        String metricsJson,
        List<RouteRow> routes,
        List<Slot> assignments,
        List<Missing> unassigned) {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Pattern SCORE = Pattern.compile("(?:\\[[^]]*\\])?(-?\\d+)hard/(-?\\d+)medium/(-?\\d+)soft");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record RouteRow(
            UUID carer,
            LocalDate date,
            @Nullable OffsetDateTime leaves,
            @Nullable OffsetDateTime returns,
            @Nullable Double travelToEnd) {

        /** The two parts of a split day as one route: first departure, last return, both trips home. */
        RouteRow span(RouteRow later) {
            return new RouteRow(
                    carer,
                    date,
                    earliest(leaves, later.leaves),
                    latest(returns, later.returns),
                    travelToEnd == null && later.travelToEnd == null
                            ? null
                            : (travelToEnd == null ? 0 : travelToEnd)
                                    + (later.travelToEnd == null ? 0 : later.travelToEnd));
        }

        private static @Nullable OffsetDateTime earliest(@Nullable OffsetDateTime a, @Nullable OffsetDateTime b) {
            return a == null ? b : b == null || a.isBefore(b) ? a : b;
        }

        private static @Nullable OffsetDateTime latest(@Nullable OffsetDateTime a, @Nullable OffsetDateTime b) {
            return a == null ? b : b == null || a.isAfter(b) ? a : b;
        }
    }

    record Slot(
            UUID visit,
            UUID carer,
            int slotIndex,
            LocalDate date,
            int position,
            OffsetDateTime arrival,
            OffsetDateTime start,
            OffsetDateTime end,
            double travelMinutes,
            double travelKm,
            boolean pinned,
            boolean manual,
            List<String> brokenConstraints) {}

    record Missing(UUID visit, int slotIndex, LocalDate date, List<String> reasons) {}

    /** What a slot keeps from an earlier plan: pinned, placed by hand and what that broke. */
    record Kept(boolean pinned, boolean manual, List<String> brokenConstraints) {}

    /**
     * @param problem the problem as loaded (before any re-planning rewrite): the visits' days
     * @param kept by "visit/carer": flags to carry over
     */
    static SolvedPlan of(ProblemDocument problem, SolutionDocument solution, Map<String, Kept> kept) {
        Map<String, LocalDate> days = new HashMap<>();
        problem.visits().forEach(v -> days.put(v.id(), v.date()));
        Map<String, Integer> slotOfVisit = new HashMap<>();
        // A split shift comes back as two shift plans of one carer and day; the plan keeps one route per
        // carer and day (from leaving home first to getting home last), numbering its visits on.
        Map<String, RouteRow> routesByDay = new LinkedHashMap<>();
        Map<String, Integer> nextPosition = new HashMap<>();
        List<Slot> slots = new ArrayList<>();
        for (SolutionDocument.ShiftPlan shift : solution.shifts()) {
            if (shift.visits().isEmpty()) {
                continue;
            }
            UUID carer = UUID.fromString(shift.carer());
            String carerDay = carer + "/" + shift.date();
            routesByDay.merge(
                    carerDay,
                    new RouteRow(
                            carer,
                            shift.date(),
                            instant(shift.start()),
                            instant(shift.end()),
                            shift.travelMinutesToEnd()),
                    RouteRow::span);
            int position = nextPosition.getOrDefault(carerDay, 0);
            for (SolutionDocument.PlannedVisit visit : shift.visits()) {
                int slot = slotOfVisit.merge(visit.visit(), 1, Integer::sum) - 1;
                OffsetDateTime start = instant(visit.start());
                OffsetDateTime end = instant(visit.end());
                OffsetDateTime arrival = visit.arrival() == null ? start : instant(visit.arrival());
                if (arrival.isAfter(start)) {
                    arrival = start;
                }
                if (!end.isAfter(start)) {
                    end = start.plusMinutes(1);
                }
                Kept flags = kept.getOrDefault(visit.visit() + "/" + shift.carer(), new Kept(false, false, List.of()));
                slots.add(new Slot(
                        UUID.fromString(visit.visit()),
                        carer,
                        slot,
                        days.getOrDefault(visit.visit(), shift.date()),
                        position++,
                        arrival,
                        start,
                        end,
                        nonNegative(visit.travelMinutesBefore()),
                        nonNegative(visit.travelKmBefore()),
                        flags.pinned(),
                        flags.manual(),
                        flags.brokenConstraints()));
            }
            nextPosition.put(carerDay, position);
        }
        List<RouteRow> routes = List.copyOf(routesByDay.values());
        List<Missing> missing = new ArrayList<>();
        for (SolutionDocument.Unassigned u : solution.unassigned()) {
            int slot = slotOfVisit.merge(u.visit(), 1, Integer::sum) - 1;
            LocalDate day = days.get(u.visit());
            if (day == null || slot > 3) {
                continue;
            }
            missing.add(new Missing(UUID.fromString(u.visit()), slot, day, u.reasons()));
        }
        long[] parts = parts(solution.score());
        return new SolvedPlan(
                solution.score(),
                parts[0],
                parts[1],
                parts[2],
                solution.feasible(),
                JSON.writeValueAsString(solution.metrics()),
                routes,
                slots,
                missing);
    }

    /** hard, medium, soft of a score text such as {@code 0hard/-60medium/-12345soft}. */
    static long[] parts(String score) {
        Matcher m = SCORE.matcher(score);
        if (!m.find()) {
            return new long[] {0, 0, 0};
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    static @Nullable OffsetDateTime instant(@Nullable LocalDateTime local) {
        return local == null ? null : local.atZone(LONDON).toOffsetDateTime();
    }

    private static double nonNegative(@Nullable Double value) {
        return value == null || value < 0 || value.isNaN() ? 0.0 : value;
    }
}
