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
 * assignment whose start is before {@code now}) are taken out of the problem's visits and listed on their carer's
 * shift as {@link ProblemDocument.Shift#started()}: the mapper starts the shift where and when the last of them ends
 * (later if it overruns) and counts them in the day's rest break, daily maximum, minimum wage and return
 * ({@link org.carerota.planner.domain.StartedPart}), so that the rest of the day is not judged on its own. Everything
 * else published stays on its carer's shift as the starting point. The result lists the fixed visits first in each
 * shift, then the re-planned ones, and the changes against the published plan.
 */
public final class Replanner {

    private Replanner() {}

    /**
     * A problem re-written for re-planning, and the visits held fixed.
     *
     * @param startedShort started visits that started with fewer carers than they need (a double-up whose other place
     *     was unassigned in the published plan): visit id to the places left unfilled, which the re-plan cannot fill
     *     and reports as unassigned
     */
    public record Prepared(
            ProblemDocument problem, Map<String, List<Fixed>> fixedByCarerDay, Map<String, Integer> startedShort) {

        public Prepared(ProblemDocument problem, Map<String, List<Fixed>> fixedByCarerDay) {
            this(problem, fixedByCarerDay, Map.of());
        }
    }

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

    /**
     * Rewrites the problem: disruptions applied, started visits taken out of the visits and listed on their shifts
     * ({@link ProblemDocument.Shift#started()}).
     */
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
        Map<String, Integer> startedPlaces = new HashMap<>();
        fixed.values().forEach(list -> list.forEach(f -> startedPlaces.merge(f.visit(), 1, Integer::sum)));
        Map<String, Integer> startedShort = new LinkedHashMap<>();
        startedPlaces.forEach((id, places) -> {
            int required = Math.max(1, visits.get(id).carersRequired());
            if (places < required) {
                startedShort.put(id, required - places);
            }
        });
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
                List<ProblemDocument.StartedVisit> started = new ArrayList<>(shift.started());
                for (Fixed visit : done) {
                    ProblemDocument.Location where = serviceUsers
                            .get(visitOf(problem, visit.visit()).serviceUser())
                            .location();
                    started.add(new ProblemDocument.StartedVisit(visit.visit(), where, visit.start(), visit.end()));
                }
                shifts.add(new ProblemDocument.Shift(
                        shift.start(), shift.end(), shift.startLocation(), shift.endLocation(), started));
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
        // A dependency on a visit no longer in the problem: on a started one, its rules still hold and become the
        // dependent visit's window and carers (see afterStarted); on a cancelled one, it is dropped.
        Map<String, Fixed> startedById = new HashMap<>();
        fixed.values().forEach(list -> list.forEach(f -> startedById.putIfAbsent(f.visit(), f)));
        List<ProblemDocument.Visit> remaining = new ArrayList<>();
        for (ProblemDocument.Visit visit : visits.values()) {
            if (visit.dependsOn() != null
                    && !visits.containsKey(visit.dependsOn().visit())) {
                Fixed prerequisite = startedById.get(visit.dependsOn().visit());
                remaining.add(prerequisite == null ? withoutDependency(visit) : afterStarted(visit, prerequisite));
            } else {
                remaining.add(visit);
            }
        }
        ProblemDocument rewritten =
                problem.withCarers(carers).withVisits(remaining).withPublished(new ProblemDocument.Published(kept));
        return new Prepared(rewritten, fixed, startedShort);
    }

    /**
     * Puts the fixed visits back at the front of their shifts: the whole day's plan. Each goes on the shift whose
     * {@code started} list names it (a split day's shifts appear in the solution in the order of their starts, as the
     * problem's shifts are mapped); a fixed visit on no shift of the solution gets a shift plan of its own.
     */
    public static SolutionDocument withFixed(SolutionDocument solution, Prepared prepared) {
        Map<String, Fixed> fixedById = new HashMap<>();
        prepared.fixedByCarerDay()
                .values()
                .forEach(list -> list.forEach(f -> fixedById.put(f.carer() + "/" + f.visit(), f)));
        // carer@date -> the started visits of each of its shifts, in the order of the shifts' starts
        Map<String, List<List<Fixed>>> startedByCarerDay = new HashMap<>();
        for (ProblemDocument.Carer carer : prepared.problem().carers()) {
            List<ProblemDocument.Shift> sorted = new ArrayList<>(carer.shifts());
            sorted.sort(Comparator.comparing(ProblemDocument.Shift::start));
            for (ProblemDocument.Shift shift : sorted) {
                List<Fixed> done = new ArrayList<>();
                for (ProblemDocument.StartedVisit started : shift.started()) {
                    Fixed fixed = fixedById.remove(carer.id() + "/" + started.visit());
                    if (fixed != null) {
                        done.add(fixed);
                    }
                }
                startedByCarerDay
                        .computeIfAbsent(carer.id() + "@" + shift.start().toLocalDate(), key -> new ArrayList<>())
                        .add(done);
            }
        }
        List<SolutionDocument.ShiftPlan> shifts = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SolutionDocument.ShiftPlan shift : solution.shifts()) {
            String key = shift.carer() + "@" + shift.date();
            int index = seen.merge(key, 1, Integer::sum) - 1;
            List<List<Fixed>> parts = startedByCarerDay.getOrDefault(key, List.of());
            List<Fixed> done = index < parts.size() ? parts.get(index) : List.of();
            if (done.isEmpty()) {
                shifts.add(shift);
                continue;
            }
            parts.set(index, List.of());
            List<SolutionDocument.PlannedVisit> visits = new ArrayList<>(planned(done));
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
        // Fixed visits on no shift of the solution (their shift is not in the problem): a plan of their own.
        Map<String, List<Fixed>> left = new LinkedHashMap<>();
        startedByCarerDay.forEach((key, parts) -> parts.forEach(part -> part.forEach(
                fixed -> left.computeIfAbsent(key, k -> new ArrayList<>()).add(fixed))));
        fixedById.values().forEach(fixed -> left.computeIfAbsent(
                        fixed.carer() + "@" + fixed.start().toLocalDate(), k -> new ArrayList<>())
                .add(fixed));
        left.values().forEach(done -> {
            done.sort(Comparator.comparing(Fixed::start));
            Fixed first = done.get(0);
            shifts.add(new SolutionDocument.ShiftPlan(
                    first.carer(),
                    first.start().toLocalDate(),
                    first.start(),
                    done.get(done.size() - 1).end(),
                    planned(done),
                    null,
                    null));
        });
        List<SolutionDocument.Unassigned> unassigned = new ArrayList<>(solution.unassigned());
        prepared.startedShort().forEach((visit, places) -> {
            for (int i = 0; i < places; i++) {
                unassigned.add(new SolutionDocument.Unassigned(
                        visit,
                        List.of("started before the re-plan with fewer carers than it needs; a place of a visit"
                                + " already started is not filled by re-planning")));
            }
        });
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
                unassigned,
                solution.changes(),
                metrics);
    }

    private static List<SolutionDocument.PlannedVisit> planned(List<Fixed> done) {
        List<SolutionDocument.PlannedVisit> visits = new ArrayList<>();
        for (Fixed visit : done) {
            visits.add(new SolutionDocument.PlannedVisit(visit.visit(), null, visit.start(), visit.end(), null, null));
        }
        return visits;
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

    /**
     * A visit that depends on a visit already started ({@code prerequisite}): the gap is written into its window. It
     * starts no earlier than the minimum gap after the prerequisite's start (its window start, which is hard); with a
     * maximum gap, no later than that after it (its window end, made hard by marking it time-critical). The dependency
     * stays, naming the started visit (listed on its carer's shift), and the mapper bans that carer from it: the
     * other rule of a dependency, a different carer. Without this the re-plan could put it too late or with the same
     * carer, which the whole day's check finds.
     */
    static ProblemDocument.Visit afterStarted(ProblemDocument.Visit visit, Fixed prerequisite) {
        ProblemDocument.Dependency dependency = visit.dependsOn();
        LocalDateTime earliest = prerequisite.start().plusSeconds(Math.round(dependency.minGapMinutes() * 60));
        LocalDateTime windowStart = visit.windowStart().isBefore(earliest) ? earliest : visit.windowStart();
        LocalDateTime windowEnd = visit.windowEnd();
        org.carerota.planner.io.Priority priority = visit.priority();
        if (dependency.maxGapMinutes() != null) {
            LocalDateTime latest = prerequisite.start().plusSeconds(Math.round(dependency.maxGapMinutes() * 60));
            if (latest.isBefore(windowEnd)) {
                windowEnd = latest;
                priority = org.carerota.planner.io.Priority.TIME_CRITICAL;
            }
        }
        if (windowEnd.isBefore(windowStart)) {
            windowEnd = windowStart; // no start satisfies both: the earliest, late, or unassigned
        }
        LocalDateTime preferred = visit.preferredStart();
        if (preferred != null && preferred.isBefore(windowStart)) {
            preferred = windowStart;
        }
        return new ProblemDocument.Visit(
                visit.id(),
                visit.serviceUser(),
                visit.commissioner(),
                windowStart,
                windowEnd,
                preferred,
                visit.durationMinutes(),
                visit.requiredSkills(),
                visit.carersRequired(),
                dependency,
                priority,
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
