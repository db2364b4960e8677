package org.carerota.planner.replan;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carerota.planner.CarePlanner;
import org.carerota.planner.SolveOptions;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;

/**
 * Real-time re-planning of a published plan after disruptions.
 *
 * <p>OptaPlanner 10's list variable cannot pin single positions, so visits already started or done (a published
 * assignment whose start is before {@code now}) are taken out of the problem, and each of their carers' day starts
 * where and when the last of them ends (later if it overruns). Everything else published stays on its carer's shift as
 * the starting point, and the {@code publishedPlanDisruption} constraint keeps it there unless moving pays. The result
 * lists the fixed visits first in each shift, then the re-planned ones, and the changes against the published plan.
 */
public final class Replanner {

    private Replanner() {}

    /** A problem re-written for re-planning, and the visits held fixed. */
    public record Prepared(ProblemDocument problem, Map<String, List<Fixed>> fixedByCarerDay) {}

    /** A visit already started or done: kept as published. */
    public record Fixed(String visit, String carer, LocalDateTime start, LocalDateTime end) {}

    /**
     * Re-plans.
     *
     * @param problem the problem whose {@code published} plan carers hold
     * @param now the moment of re-planning (local time)
     * @param disruptions what happened
     * @param options how long to solve
     */
    public static SolutionDocument replan(
            ProblemDocument problem, LocalDateTime now, List<Disruption> disruptions, SolveOptions options) {
        Prepared prepared = prepare(problem, now, disruptions);
        Set<String> urgent = new HashSet<>();
        for (Disruption disruption : disruptions) {
            if (disruption instanceof Disruption.UrgentVisit added) {
                urgent.add(added.visit().id());
            }
        }
        SolutionDocument solution = CarePlanner.solve(prepared.problem(), options, null, urgent);
        return withFixed(solution, prepared);
    }

    /** Rewrites the problem: disruptions applied, started visits removed, shifts moved forward. */
    public static Prepared prepare(ProblemDocument problem, LocalDateTime now, List<Disruption> disruptions) {
        Map<String, ProblemDocument.Visit> visits = new LinkedHashMap<>();
        problem.visits().forEach(visit -> visits.put(visit.id(), visit));
        Map<String, List<ProblemDocument.Absence>> extraAbsences = new HashMap<>();
        Map<String, LocalDateTime> overrunEnds = new HashMap<>();
        for (Disruption disruption : disruptions) {
            if (disruption instanceof Disruption.CarerAbsent absent) {
                extraAbsences
                        .computeIfAbsent(absent.carer(), key -> new ArrayList<>())
                        .add(new ProblemDocument.Absence(
                                absent.from(),
                                absent.until() == null
                                        ? problem.horizon().to().plusDays(2).atStartOfDay()
                                        : absent.until(),
                                absent.reason()));
            } else if (disruption instanceof Disruption.UrgentVisit urgent) {
                visits.put(urgent.visit().id(), urgent.visit());
            } else if (disruption instanceof Disruption.VisitCancelled cancelled) {
                visits.remove(cancelled.visit());
            } else if (disruption instanceof Disruption.VisitOverrunning overrun) {
                overrunEnds.put(overrun.visit(), overrun.expectedEnd());
            }
        }
        // Started or done: published with a start before now.
        List<ProblemDocument.PublishedAssignment> published =
                problem.published() == null ? List.of() : problem.published().assignments();
        Map<String, List<Fixed>> fixed = new LinkedHashMap<>();
        Set<String> startedVisits = new HashSet<>();
        List<ProblemDocument.PublishedAssignment> kept = new ArrayList<>();
        for (ProblemDocument.PublishedAssignment assignment : published) {
            ProblemDocument.Visit visit = visits.get(assignment.visit());
            if (visit == null) {
                continue; // cancelled
            }
            if (assignment.start() != null && assignment.start().isBefore(now)) {
                LocalDateTime end = assignment.start().plusMinutes(Math.round(visit.durationMinutes()));
                LocalDateTime overrun = overrunEnds.get(visit.id());
                if (overrun != null && overrun.isAfter(end)) {
                    end = overrun;
                }
                fixed.computeIfAbsent(
                                assignment.carer() + "@" + assignment.start().toLocalDate(), key -> new ArrayList<>())
                        .add(new Fixed(visit.id(), assignment.carer(), assignment.start(), end));
                startedVisits.add(visit.id());
            } else {
                kept.add(assignment);
            }
        }
        fixed.values().forEach(list -> list.sort(Comparator.comparing(Fixed::start)));
        // Overrun of a visit not yet started: it will take longer.
        for (Map.Entry<String, LocalDateTime> entry : overrunEnds.entrySet()) {
            ProblemDocument.Visit visit = visits.get(entry.getKey());
            if (visit != null && !startedVisits.contains(visit.id())) {
                LocalDateTime plannedStart = published.stream()
                        .filter(a -> a.visit().equals(visit.id()) && a.start() != null)
                        .map(ProblemDocument.PublishedAssignment::start)
                        .findFirst()
                        .orElse(visit.windowStart());
                double minutes = Math.max(
                        visit.durationMinutes(),
                        Duration.between(plannedStart, entry.getValue()).toMinutes());
                visits.put(visit.id(), withDuration(visit, minutes));
            }
        }
        startedVisits.forEach(visits::remove);
        Map<String, ProblemDocument.ServiceUser> serviceUsers = new HashMap<>();
        problem.serviceUsers().forEach(user -> serviceUsers.put(user.id(), user));
        List<ProblemDocument.Carer> carers = new ArrayList<>();
        for (ProblemDocument.Carer carer : problem.carers()) {
            List<ProblemDocument.Shift> shifts = new ArrayList<>();
            for (ProblemDocument.Shift shift : carer.shifts()) {
                LocalDate day = shift.start().toLocalDate();
                List<Fixed> done = fixed.getOrDefault(carer.id() + "@" + day, List.of()).stream()
                        .filter(visit -> !visit.start().isBefore(shift.start())
                                && visit.start().isBefore(shift.end()))
                        .toList();
                if (done.isEmpty()) {
                    shifts.add(shift);
                    continue;
                }
                Fixed last = done.get(done.size() - 1);
                ProblemDocument.Location where = serviceUsers
                        .get(visitOf(problem, last.visit()).serviceUser())
                        .location();
                LocalDateTime start = last.end().isAfter(shift.start()) ? last.end() : shift.start();
                LocalDateTime end = shift.end().isAfter(start) ? shift.end() : start;
                shifts.add(new ProblemDocument.Shift(start, end, where, shift.endLocation()));
            }
            List<ProblemDocument.Absence> absences = new ArrayList<>(carer.absences());
            absences.addAll(extraAbsences.getOrDefault(carer.id(), List.of()));
            carers.add(new ProblemDocument.Carer(
                    carer.id(),
                    carer.name(),
                    carer.pool(),
                    carer.gender(),
                    carer.home(),
                    carer.travelMode(),
                    carer.skills(),
                    shifts,
                    absences,
                    carer.contractedMinutesPerWeek(),
                    carer.maxWorkingMinutesPerDay(),
                    carer.pay(),
                    carer.capacity()));
        }
        // Dependencies on a started visit are already satisfied or fixed: drop them.
        List<ProblemDocument.Visit> remaining = new ArrayList<>();
        for (ProblemDocument.Visit visit : visits.values()) {
            if (visit.dependsOn() != null
                    && !visits.containsKey(visit.dependsOn().visit())) {
                remaining.add(withoutDependency(visit));
            } else {
                remaining.add(visit);
            }
        }
        ProblemDocument rewritten = new ProblemDocument(
                problem.schemaVersion(),
                problem.name(),
                problem.timezone(),
                problem.horizon(),
                problem.settings(),
                problem.skills(),
                problem.commissioners(),
                problem.pools(),
                carers,
                problem.serviceUsers(),
                remaining,
                new ProblemDocument.Published(kept),
                problem.travel());
        return new Prepared(rewritten, fixed);
    }

    /** Puts the fixed visits back at the front of their shifts. */
    static SolutionDocument withFixed(SolutionDocument solution, Prepared prepared) {
        List<SolutionDocument.ShiftPlan> shifts = new ArrayList<>();
        for (SolutionDocument.ShiftPlan shift : solution.shifts()) {
            List<Fixed> done = prepared.fixedByCarerDay().getOrDefault(shift.carer() + "@" + shift.date(), List.of());
            if (done.isEmpty()) {
                shifts.add(shift);
                continue;
            }
            List<SolutionDocument.PlannedVisit> visits = new ArrayList<>();
            for (Fixed visit : done) {
                visits.add(
                        new SolutionDocument.PlannedVisit(visit.visit(), null, visit.start(), visit.end(), null, null));
            }
            visits.addAll(shift.visits());
            shifts.add(new SolutionDocument.ShiftPlan(
                    shift.carer(),
                    shift.date(),
                    shift.start(),
                    shift.end(),
                    visits,
                    shift.travelMinutesToEnd(),
                    shift.travelKmToEnd()));
        }
        Map<String, Object> metrics = new LinkedHashMap<>(solution.metrics());
        metrics.put(
                "fixedVisits",
                prepared.fixedByCarerDay().values().stream()
                        .mapToInt(List::size)
                        .sum());
        return new SolutionDocument(
                solution.schemaVersion(),
                solution.problem(),
                solution.score(),
                solution.feasible(),
                shifts,
                solution.unassigned(),
                solution.changes(),
                metrics);
    }

    private static ProblemDocument.Visit visitOf(ProblemDocument problem, String id) {
        return problem.visits().stream()
                .filter(visit -> visit.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown visit " + id));
    }

    private static ProblemDocument.Visit withDuration(ProblemDocument.Visit visit, double minutes) {
        return new ProblemDocument.Visit(
                visit.id(),
                visit.serviceUser(),
                visit.commissioner(),
                visit.windowStart(),
                visit.windowEnd(),
                visit.preferredStart(),
                minutes,
                visit.requiredSkills(),
                visit.carersRequired(),
                visit.dependsOn(),
                visit.priority(),
                visit.pinnedCarers(),
                visit.demand());
    }

    private static ProblemDocument.Visit withoutDependency(ProblemDocument.Visit visit) {
        return new ProblemDocument.Visit(
                visit.id(),
                visit.serviceUser(),
                visit.commissioner(),
                visit.windowStart(),
                visit.windowEnd(),
                visit.preferredStart(),
                visit.durationMinutes(),
                visit.requiredSkills(),
                visit.carersRequired(),
                null,
                visit.priority(),
                visit.pinnedCarers(),
                visit.demand());
    }
}
