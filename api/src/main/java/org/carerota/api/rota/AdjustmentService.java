package org.carerota.api.rota;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carerota.api.carer.CarerService;
import org.carerota.api.rota.RotaInputs.AssignVisitInput;
import org.carerota.api.rota.RotaInputs.LockCarerDayInput;
import org.carerota.api.rota.RotaResults.AssignmentBreaksConstraints;
import org.carerota.api.rota.RotaResults.BrokenConstraint;
import org.carerota.api.rota.RotaResults.CarerDayLocked;
import org.carerota.api.rota.RotaResults.InvalidInput;
import org.carerota.api.rota.RotaResults.PlanNotPublishable;
import org.carerota.api.rota.RotaResults.RecordNotFound;
import org.carerota.api.rota.RotaResults.StalePlan;
import org.carerota.api.rota.RotaResults.VisitAssigned;
import org.carerota.api.shared.database.Transactions;
import org.carerota.planner.CarePlanner;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.mapping.MappedProblem;
import org.carerota.planner.mapping.ProblemMapper;
import org.carerota.planner.solver.ScheduleCalculator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Coordinators' adjustments of a draft: manual assignment (evaluated by the planner) and locked days. */
@Service
class AdjustmentService {

    private final Transactions transactions;
    private final RotaRepository repository;
    private final ProblemLoader loader;
    private final CarerService carers;

    AdjustmentService(Transactions transactions, RotaRepository repository, ProblemLoader loader, CarerService carers) {
        this.transactions = transactions;
        this.repository = repository;
        this.loader = loader;
        this.carers = carers;
    }

    // ---- lock a carer's day -----------------------------------------------------------------

    Mono<RotaResults.LockCarerDayResult> lockCarerDay(LockCarerDayInput input) {
        boolean locked = input.locked() == null || input.locked();
        return carers.carer(input.carerId())
                .flatMap(carer -> transactions
                        .write(db -> db.sql(
                                        "update shifts set locked = :locked, version = version + 1"
                                                + " where carer_id = :carer and (starts_at at time zone 'Europe/London')::date = :date")
                                .bind("locked", locked)
                                .bind("carer", input.carerId())
                                .bind("date", input.date())
                                .fetch()
                                .rowsUpdated())
                        .map(count -> count == 0
                                ? (RotaResults.LockCarerDayResult)
                                        InvalidInput.of("date", "the carer has no shift on " + input.date())
                                : new CarerDayLocked(carer, input.date(), locked, count.intValue())))
                .defaultIfEmpty(RecordNotFound.of("carerId", "Carer", input.carerId()));
    }

    // ---- manual assignment ------------------------------------------------------------------

    Mono<RotaResults.AssignVisitResult> assignVisit(AssignVisitInput input) {
        boolean confirm = Boolean.TRUE.equals(input.confirm());
        return transactions
                .write(db -> repository.planForUpdate(db, input.planId()).flatMap(plan -> {
                    if (plan.version() != input.expectedVersion()) {
                        return Mono.just((RotaResults.AssignVisitResult) StalePlan.of(plan.version()));
                    }
                    if (!plan.status().equals("DRAFT")) {
                        return Mono.just(new PlanNotPublishable(
                                "Only a draft plan can be changed by hand: re-plan to get a new draft", plan.status()));
                    }
                    return Mono.zip(
                                    loader.load(db, plan.organisationId(), plan.areaId(), plan.from(), plan.to()),
                                    repository.routes(db, List.of(plan.id()), null),
                                    repository
                                            .unassigned(db, List.of(plan.id()))
                                            .collectList(),
                                    repository.assignmentsOfPlan(db, plan.id()).collectList())
                            .flatMap(t -> Mono.fromCallable(() -> evaluate(t.getT1(), t.getT2(), t.getT3(), input))
                                    .subscribeOn(Schedulers.boundedElastic())
                                    .flatMap(evaluation -> {
                                        if (evaluation.problem() != null) {
                                            return Mono.just(evaluation.problem());
                                        }
                                        if (!evaluation.broken().isEmpty() && !confirm) {
                                            return Mono.just(
                                                    (RotaResults.AssignVisitResult) new AssignmentBreaksConstraints(
                                                            "The choice breaks " + names(evaluation.broken())
                                                                    + ": nothing changed; send confirm: true to apply it anyway",
                                                            evaluation.broken(),
                                                            evaluation
                                                                    .solution()
                                                                    .score()));
                                        }
                                        Map<String, SolvedPlan.Kept> kept = new HashMap<>();
                                        t.getT4()
                                                .forEach(a -> kept.put(
                                                        a.visitId() + "/" + a.carerId(),
                                                        new SolvedPlan.Kept(
                                                                a.pinned(), a.manual(), a.brokenConstraints())));
                                        kept.put(
                                                input.visitId() + "/" + input.carerId(),
                                                new SolvedPlan.Kept(
                                                        true,
                                                        true,
                                                        evaluation.broken().stream()
                                                                .map(BrokenConstraint::name)
                                                                .toList()));
                                        SolvedPlan rows = SolvedPlan.of(t.getT1(), evaluation.solution(), kept);
                                        return repository
                                                .deleteRows(db, plan.id())
                                                .then(repository.insertRows(db, plan.id(), plan.organisationId(), rows))
                                                .then(repository.bumpPlanVersion(db, plan.id(), rows.score(), rows))
                                                .then(repository.plan(db, plan.id()))
                                                .map(updated -> (RotaResults.AssignVisitResult)
                                                        new VisitAssigned(updated, evaluation.broken(), rows.score()));
                                    }));
                }))
                .defaultIfEmpty(RecordNotFound.of("planId", "Plan", input.planId()));
    }

    private static String names(List<BrokenConstraint> broken) {
        return String.join(", ", broken.stream().map(BrokenConstraint::name).toList());
    }

    /** The outcome of trying a manual choice: a problem, or the rota with it and what it breaks. */
    record Evaluation(
            RotaResults.@Nullable AssignVisitResult problem,
            @Nullable SolutionDocument solution,
            List<BrokenConstraint> broken) {

        static Evaluation refused(RotaResults.AssignVisitResult problem) {
            return new Evaluation(problem, null, List.of());
        }

        @Override
        public SolutionDocument solution() {
            if (solution == null) {
                throw new IllegalStateException("no solution in a refused evaluation");
            }
            return solution;
        }
    }

    /**
     * Puts the visit on the carer's day (taking it from the unassigned list or another carer, or moving it within the
     * carer's day), at the position or requested start asked for, and scores the rota before and after.
     *
     * <p>The planner starts every visit as early as it can (arrival, or its window's start). A start chosen by hand is
     * kept by <em>holding</em> the visit: for this evaluation its window opens at the chosen start (its preferred start
     * and the end of its window, the latest acceptable start, stay as they are, so lateness is measured as before).
     * Manual assignments of the plan that start after their window opens are held the same way, so an earlier manual
     * choice keeps its time when something else is adjusted.
     */
    static Evaluation evaluate(
            ProblemDocument problem, List<Route> routes, List<UnassignedVisit> unassigned, AssignVisitInput input) {
        String visitId = input.visitId().toString();
        String carerId = input.carerId().toString();
        Map<String, ProblemDocument.Visit> visits = new HashMap<>();
        problem.visits().forEach(v -> visits.put(v.id(), v));
        ProblemDocument.Visit visit = visits.get(visitId);
        if (visit == null) {
            return Evaluation.refused(InvalidInput.of("visitId", "the visit is not in this plan (or was cancelled)"));
        }
        if (problem.carers().stream().noneMatch(c -> c.id().equals(carerId))) {
            return Evaluation.refused(InvalidInput.of(
                    "carerId", "the carer has no shift in this plan's days or may not serve this area"));
        }
        LocalDateTime requested = input.requestedStart() == null
                ? null
                : input.requestedStart()
                        .atZoneSameInstant(ProblemLoader.LONDON)
                        .toLocalDateTime()
                        .truncatedTo(ChronoUnit.MINUTES);
        if (requested != null && (requested.isBefore(visit.windowStart()) || requested.isAfter(visit.windowEnd()))) {
            return Evaluation.refused(InvalidInput.of(
                    "requestedStart",
                    "the visit may start only within its window, "
                            + visit.windowStart().toLocalTime() + " to "
                            + visit.windowEnd().toLocalTime() + " on " + visit.date()
                            + " (London time); change the visit's window to move it outside"));
        }
        Map<String, List<String>> current = new LinkedHashMap<>();
        Map<String, LocalDateTime> starts = new HashMap<>();
        Map<String, LocalDateTime> holds = new HashMap<>();
        for (Route route : routes) {
            List<String> ids = new ArrayList<>();
            for (Assignment a : route.assignments()) {
                ProblemDocument.Visit v = visits.get(a.visitId().toString());
                if (v == null) {
                    continue;
                }
                ids.add(v.id());
                LocalDateTime start =
                        a.startAt().atZoneSameInstant(ProblemLoader.LONDON).toLocalDateTime();
                starts.put(route.carerId() + "/" + v.id(), start);
                if (a.manual() && start.isAfter(v.windowStart()) && !start.isAfter(v.windowEnd())) {
                    holds.merge(v.id(), start, (x, y) -> x.isAfter(y) ? x : y);
                }
            }
            current.put(route.carerId() + "@" + route.date(), ids);
        }
        List<String> loose = new ArrayList<>();
        unassigned.forEach(u -> loose.add(u.visitId().toString()));
        LocalDate day = visit.date();
        String key = carerId + "@" + day;
        boolean retime = requested != null || input.position() != null;
        boolean alreadyThere = current.getOrDefault(key, List.of()).contains(visitId);
        String from = input.fromCarerId() == null ? null : input.fromCarerId() + "@" + day;
        if (from != null && !current.getOrDefault(from, List.of()).contains(visitId)) {
            return Evaluation.refused(
                    InvalidInput.of("fromCarerId", "that carer does not have this visit on " + day + " in this plan"));
        }
        if (alreadyThere && (!retime || (from != null && !from.equals(key)))) {
            return Evaluation.refused(InvalidInput.of("carerId", "the carer already has this visit"));
        }
        Map<String, List<String>> changed = new LinkedHashMap<>();
        current.forEach((k, v) -> changed.put(k, new ArrayList<>(v)));
        List<String> changedLoose = new ArrayList<>(loose);
        if (alreadyThere) {
            changed.get(key).remove(visitId);
        } else if (from != null) {
            changed.get(from).remove(visitId);
        } else if (!changedLoose.remove(visitId)) {
            boolean taken = false;
            for (Map.Entry<String, List<String>> entry : changed.entrySet()) {
                if (entry.getKey().endsWith("@" + day) && entry.getValue().remove(visitId)) {
                    taken = true;
                    break;
                }
            }
            if (!taken) {
                return Evaluation.refused(InvalidInput.of("visitId", "the visit is not in this plan"));
            }
        }
        List<String> target = changed.computeIfAbsent(key, k -> new ArrayList<>());
        Integer position = input.position();
        if (position != null) {
            if (position < 0 || position > target.size()) {
                return Evaluation.refused(InvalidInput.of(
                        "position", "must be between 0 and " + target.size() + " (the carer's other visits that day)"));
            }
            target.add(position, visitId);
        } else if (requested != null) {
            int at = 0;
            while (at < target.size()) {
                LocalDateTime start = starts.get(carerId + "/" + target.get(at));
                if (start != null && start.isAfter(requested)) {
                    break;
                }
                at++;
            }
            target.add(at, visitId);
        } else {
            target.add(visitId);
            target.sort(Comparator.comparing(id -> order(visits.get(id))));
        }
        Map<String, LocalDateTime> holdsAfter = new HashMap<>(holds);
        if (requested != null) {
            holdsAfter.put(visitId, requested);
        } else if (!alreadyThere) {
            holdsAfter.remove(visitId); // moved by carer only: as early as the new day allows
        }
        ProblemDocument was = held(problem, holds);
        ProblemDocument is = held(problem, holdsAfter);
        SolutionDocument before;
        SolutionDocument after;
        try {
            before = rebuild(was, current);
            after = rebuild(is, changed);
        } catch (IllegalArgumentException e) {
            return Evaluation.refused(InvalidInput.of("carerId", "the carer has no shift on " + day));
        }
        CarePlanner.RotaExplanation then = CarePlanner.explain(was, before);
        CarePlanner.RotaExplanation now = CarePlanner.explain(is, after);
        List<BrokenConstraint> broken = new ArrayList<>();
        now.constraints().forEach((name, score) -> {
            long[] n = SolvedPlan.parts(score);
            long[] w = SolvedPlan.parts(then.constraints().getOrDefault(name, "0hard/0medium/0soft"));
            if (n[0] < w[0] || (n[0] == w[0] && n[1] < w[1])) {
                String level = n[0] < w[0] ? "hard" : "medium";
                broken.add(new BrokenConstraint(
                        name, (n[0] - w[0]) + "hard/" + (n[1] - w[1]) + "medium/" + (n[2] - w[2]) + "soft", level));
            }
        });
        return new Evaluation(null, after, broken);
    }

    /** The problem with these visits' windows opening at the held start (preferred start and latest start kept). */
    static ProblemDocument held(ProblemDocument problem, Map<String, LocalDateTime> holds) {
        if (holds.isEmpty()) {
            return problem;
        }
        List<ProblemDocument.Visit> visits = new ArrayList<>(problem.visits().size());
        for (ProblemDocument.Visit v : problem.visits()) {
            LocalDateTime hold = holds.get(v.id());
            if (hold == null || !hold.isAfter(v.windowStart()) || hold.isAfter(v.windowEnd())) {
                visits.add(v);
                continue;
            }
            visits.add(new ProblemDocument.Visit(
                    v.id(),
                    v.serviceUser(),
                    v.commissioner(),
                    hold,
                    v.windowEnd(),
                    v.preferredStart() != null ? v.preferredStart() : v.windowStart(),
                    v.durationMinutes(),
                    v.requiredSkills(),
                    v.carersRequired(),
                    v.dependsOn(),
                    v.priority(),
                    v.pinnedCarers(),
                    v.demand()));
        }
        return problem.withVisits(visits);
    }

    private static LocalDateTime order(ProblemDocument.@Nullable Visit visit) {
        if (visit == null) {
            return LocalDateTime.MAX;
        }
        return visit.preferredStart() != null ? visit.preferredStart() : visit.windowStart();
    }

    /** The rota with these visits on these carer days (in order), the rest unassigned, with times and score. */
    static SolutionDocument rebuild(ProblemDocument problem, Map<String, List<String>> days) {
        MappedProblem mapped = CarePlanner.model(problem);
        CareRota rota = mapped.rota();
        for (CarerShift shift : rota.getShifts()) {
            ProblemMapper.clear(shift);
        }
        Map<String, List<VisitSlot>> free = new LinkedHashMap<>();
        for (VisitSlot slot : rota.getSlots()) {
            slot.setShift(null);
            free.computeIfAbsent(slot.getVisitId(), k -> new ArrayList<>()).add(slot);
        }
        Map<String, CarerShift> shifts = new HashMap<>();
        rota.getShifts().forEach(shift -> shifts.put(shift.getId(), shift));
        for (Map.Entry<String, List<String>> entry : days.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            CarerShift shift = shifts.get(entry.getKey());
            if (shift == null) {
                throw new IllegalArgumentException("no shift " + entry.getKey());
            }
            List<VisitSlot> list = new ArrayList<>();
            for (String visit : entry.getValue()) {
                List<VisitSlot> left = free.get(visit);
                if (left != null && !left.isEmpty()) {
                    list.add(left.remove(0));
                }
            }
            ProblemMapper.place(shift, list);
        }
        List<VisitSlot> rest = new ArrayList<>();
        free.values().forEach(rest::addAll);
        ProblemMapper.place(rota.unassignedShift(), rest);
        ScheduleCalculator.updateAll(rota.getShifts(), rota.getSlots(), ScheduleCalculator.DIRECT);
        return CarePlanner.document(mapped, rota);
    }
}
