package org.carerota.planner.cli;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.carerota.planner.io.Priority;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.jspecify.annotations.Nullable;

/** A solution in words a coordinator reads: the verdict, the visits not covered and why, each carer's day. */
final class ExplainText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);

    private ExplainText() {}

    static String explain(SolutionDocument solution) {
        return explain(solution, null);
    }

    /**
     * The explanation; with the problem, unassigned visits also say whom, when, how long and what they need, and
     * carers are named.
     */
    static String explain(SolutionDocument solution, @Nullable ProblemDocument problem) {
        Map<String, ProblemDocument.Visit> visits = new HashMap<>();
        Map<String, ProblemDocument.ServiceUser> users = new HashMap<>();
        Map<String, ProblemDocument.Carer> carers = new HashMap<>();
        if (problem != null) {
            problem.visits().forEach(v -> visits.put(v.id(), v));
            problem.serviceUsers().forEach(u -> users.put(u.id(), u));
            problem.carers().forEach(c -> carers.put(c.id(), c));
        }
        StringBuilder text = new StringBuilder();
        if (solution.problem() != null) {
            text.append("Rota for ").append(solution.problem()).append('\n');
        }
        text.append("Score ")
                .append(solution.score())
                .append(
                        solution.feasible()
                                ? " (feasible: no hard constraint broken)"
                                : " (NOT feasible: a hard constraint is broken)")
                .append('\n');
        int assigned = 0;
        for (SolutionDocument.ShiftPlan shift : solution.shifts()) {
            assigned += shift.visits().size();
        }
        text.append(String.format(
                Locale.ROOT,
                "%d carer places on visits assigned in %d carer days; %d not covered\n",
                assigned,
                solution.shifts().size(),
                solution.unassigned().size()));

        text.append('\n')
                .append("Unassigned visits (")
                .append(solution.unassigned().size())
                .append(")\n");
        if (solution.unassigned().isEmpty()) {
            text.append("  none: every visit has its carers\n");
        }
        Map<String, List<List<String>>> byVisit = new LinkedHashMap<>();
        for (SolutionDocument.Unassigned unassigned : solution.unassigned()) {
            byVisit.computeIfAbsent(unassigned.visit(), v -> new ArrayList<>()).add(unassigned.reasons());
        }
        for (Map.Entry<String, List<List<String>>> visit : byVisit.entrySet()) {
            int places = visit.getValue().size();
            text.append("  ").append(visit.getKey());
            if (places > 1) {
                text.append(" (").append(places).append(" carer places)");
            }
            text.append('\n');
            ProblemDocument.Visit details = visits.get(visit.getKey());
            if (details != null) {
                text.append("      ")
                        .append(describe(details, users.get(details.serviceUser())))
                        .append('\n');
            }
            List<String> seen = new ArrayList<>();
            for (List<String> reasons : visit.getValue()) {
                for (String reason : reasons) {
                    if (!seen.contains(reason)) {
                        seen.add(reason);
                        text.append("    - ").append(reason).append('\n');
                    }
                }
            }
            if (seen.isEmpty()) {
                text.append("    - no reason given\n");
            }
        }

        text.append('\n').append("Carers (").append(solution.shifts().size()).append(" carer days)\n");
        for (SolutionDocument.ShiftPlan shift : solution.shifts()) {
            text.append(carerLine(shift, carers.get(shift.carer()))).append('\n');
        }
        if (!solution.changes().isEmpty()) {
            text.append('\n')
                    .append("Changes against the published plan (")
                    .append(solution.changes().size())
                    .append(")\n");
            for (SolutionDocument.Change change : solution.changes()) {
                text.append("  ")
                        .append(change.visit())
                        .append(": ")
                        .append(change.from() == null ? "unassigned" : change.from())
                        .append(" -> ")
                        .append(change.to() == null ? "unassigned" : change.to())
                        .append('\n');
            }
        }
        if (!solution.metrics().isEmpty()) {
            text.append('\n').append("Metrics\n");
            for (Map.Entry<String, Object> metric : solution.metrics().entrySet()) {
                text.append("  ")
                        .append(metric.getKey())
                        .append(": ")
                        .append(format(metric.getValue()))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private static String describe(ProblemDocument.Visit visit, ProblemDocument.@Nullable ServiceUser user) {
        StringBuilder line = new StringBuilder();
        if (user != null && user.name() != null) {
            line.append(user.name()).append(" (").append(user.id());
            if (user.area() != null) {
                line.append(", ").append(user.area());
            }
            line.append("), ");
        } else {
            line.append(visit.serviceUser()).append(", ");
        }
        line.append(DAY.format(visit.windowStart()))
                .append(' ')
                .append(TIME.format(visit.windowStart()))
                .append('-')
                .append(TIME.format(visit.windowEnd()))
                .append(String.format(Locale.ROOT, ", %.0f min", visit.durationMinutes()));
        if (!visit.requiredSkills().isEmpty()) {
            line.append(", needs ").append(String.join(", ", visit.requiredSkills()));
        }
        if (visit.carersRequired() > 1) {
            line.append(", ").append(visit.carersRequired()).append(" carers together");
        }
        if (visit.priority() != Priority.NORMAL) {
            line.append(", ")
                    .append(visit.priority().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return line.toString();
    }

    private static String carerLine(SolutionDocument.ShiftPlan shift, ProblemDocument.@Nullable Carer carer) {
        StringBuilder line = new StringBuilder("  ").append(shift.carer());
        if (carer != null && carer.name() != null) {
            line.append(' ').append(carer.name());
        }
        line.append("  ").append(shift.date());
        if (shift.visits().isEmpty()) {
            return line.append("  no visits").toString();
        }
        LocalDateTime first =
                shift.start() != null ? shift.start() : shift.visits().get(0).start();
        LocalDateTime last = shift.end() != null
                ? shift.end()
                : shift.visits().get(shift.visits().size() - 1).end();
        double travelMinutes = orZero(shift.travelMinutesToEnd());
        double travelKm = orZero(shift.travelKmToEnd());
        long visitMinutes = 0;
        for (SolutionDocument.PlannedVisit visit : shift.visits()) {
            travelMinutes += orZero(visit.travelMinutesBefore());
            travelKm += orZero(visit.travelKmBefore());
            visitMinutes += Duration.between(visit.start(), visit.end()).toMinutes();
        }
        line.append(String.format(
                Locale.ROOT,
                "  %s-%s  %d visit%s, %d min with people, travel %.0f min (%.1f km)",
                TIME.format(first),
                TIME.format(last),
                shift.visits().size(),
                shift.visits().size() == 1 ? "" : "s",
                visitMinutes,
                travelMinutes,
                travelKm));
        List<String> ids = new ArrayList<>();
        for (SolutionDocument.PlannedVisit visit : shift.visits()) {
            ids.add(TIME.format(visit.start()) + " " + visit.visit());
        }
        line.append("\n      ").append(String.join(", ", ids));
        return line.toString();
    }

    private static double orZero(@Nullable Double value) {
        return value == null ? 0.0 : value;
    }

    private static String format(@Nullable Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite()
                    ? Long.toString(d.longValue())
                    : String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }
}
