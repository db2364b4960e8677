package org.carerota.api.rota;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerota.api.carer.Carer;
import org.carerota.api.carer.CarerService;
import org.carerota.api.rota.RotaInputs.GenerateRotaInput;
import org.carerota.api.rota.RotaInputs.PinAssignmentInput;
import org.carerota.api.rota.RotaInputs.PublishRotaInput;
import org.carerota.api.rota.RotaInputs.StopSolverJobInput;
import org.carerota.api.rota.RotaResults.AssignmentPinned;
import org.carerota.api.rota.RotaResults.InvalidInput;
import org.carerota.api.rota.RotaResults.PlanNotPublishable;
import org.carerota.api.rota.RotaResults.RecordNotFound;
import org.carerota.api.rota.RotaResults.RotaGenerationQueued;
import org.carerota.api.rota.RotaResults.RotaPublished;
import org.carerota.api.rota.RotaResults.SolverJobAlreadyFinished;
import org.carerota.api.rota.RotaResults.SolverJobStopping;
import org.carerota.api.rota.RotaResults.StaleAssignment;
import org.carerota.api.rota.RotaResults.StalePlan;
import org.carerota.api.security.Callers;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.carerota.api.shared.graphql.NotFoundException;
import org.carerota.api.visit.Visit;
import org.carerota.api.visit.VisitService;
import org.carerota.sync.feed.ChangeFeedWriter;
import org.carerota.sync.feed.FeedWriteSummary;
import org.carerota.sync.shared.SyncSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rota generation, plans, publishing and pins: the rules and transactions of the rota feature. */
@Service
public class RotaService {

    /** The longest horizon one plan may cover (plans_horizon_length_check). */
    static final int MAX_HORIZON_DAYS = 31;

    private final Transactions transactions;
    private final RotaRepository repository;
    private final SolverWorker worker;
    private final SolverProperties properties;
    private final Callers callers;
    private final CarerService carers;
    private final VisitService visits;
    private final ChangeFeedWriter feed;

    RotaService(
            Transactions transactions,
            RotaRepository repository,
            SolverWorker worker,
            SolverProperties properties,
            Callers callers,
            CarerService carers,
            VisitService visits,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.worker = worker;
        this.properties = properties;
        this.callers = callers;
        this.carers = carers;
        this.visits = visits;
        this.feed = new ChangeFeedWriter(clock, SyncSettings.defaults());
    }

    // ---- generation -------------------------------------------------------------------------

    public Mono<RotaResults.GenerateRotaResult> generateRota(GenerateRotaInput input) {
        int limit = input.timeLimitSeconds() == null ? properties.defaultTimeLimitSeconds() : input.timeLimitSeconds();
        if (input.to().isBefore(input.from())) {
            return Mono.just(InvalidInput.of("to", "must not be before from (" + input.from() + ")"));
        }
        if (ChronoUnit.DAYS.between(input.from(), input.to()) + 1 > MAX_HORIZON_DAYS) {
            return Mono.just(InvalidInput.of("to", "a rota covers at most " + MAX_HORIZON_DAYS + " days"));
        }
        if (limit < 1 || limit > properties.maxTimeLimitSeconds()) {
            return Mono.just(
                    InvalidInput.of("timeLimitSeconds", "must be between 1 and " + properties.maxTimeLimitSeconds()));
        }
        return organisation().flatMap(organisation -> transactions
                .write(db -> areaExists(db, input.area()).flatMap(exists -> {
                    if (!exists) {
                        return Mono.just(RecordNotFound.of("area", "Area", input.area()));
                    }
                    return repository
                            .insertJob(
                                    db,
                                    organisation,
                                    input.area(),
                                    input.from(),
                                    input.to(),
                                    "GENERATE",
                                    null,
                                    null,
                                    limit)
                            .flatMap(id -> repository.job(db, id))
                            .map(RotaGenerationQueued::new);
                }))
                .doOnNext(result -> worker.wakeUp()));
    }

    /** Queues a job as {@code tenant} (start-up and same-day work); emits the job. */
    Mono<SolverJob> queue(
            DatabaseClient db,
            UUID organisation,
            UUID area,
            LocalDate from,
            LocalDate to,
            String kind,
            @Nullable UUID basePlan,
            @Nullable String reason,
            int limit) {
        return repository
                .insertJob(db, organisation, area, from, to, kind, basePlan, reason, limit)
                .flatMap(id -> repository.job(db, id));
    }

    void wakeWorker() {
        worker.wakeUp();
    }

    public Mono<SolverJob> solverJob(UUID id) {
        return transactions.read(db -> repository.job(db, id));
    }

    /** The job as {@code tenant} sees it. */
    Mono<SolverJob> solverJobAs(TenantContext tenant, UUID id) {
        return transactions.readAs(tenant, db -> repository.job(db, id));
    }

    public Mono<RotaResults.StopSolverJobResult> stopSolverJob(StopSolverJobInput input) {
        return transactions
                .write(db -> repository.job(db, input.id()).flatMap(job -> {
                    if (job.finished()) {
                        return Mono.<RotaResults.StopSolverJobResult>just(new SolverJobAlreadyFinished(
                                "The job has already finished (" + job.status() + ")", job));
                    }
                    return repository
                            .requestStop(db, job.id())
                            .then(repository.job(db, job.id()))
                            .map(SolverJobStopping::new);
                }))
                .doOnNext(result -> worker.stopLocally(input.id()))
                .defaultIfEmpty(RecordNotFound.of("id", "Solver job", input.id()));
    }

    /**
     * Best-score updates of a job: live from this instance's solver, else read from the database
     * every second until the job finishes. The caller must be able to see the job.
     */
    public Flux<SolverProgress> solverProgress(UUID jobId) {
        return solverJob(jobId)
                .switchIfEmpty(Mono.error(new NotFoundException("Solver job", jobId)))
                .flatMapMany(job -> {
                    if (job.finished()) {
                        return Flux.just(SolverProgress.of(job));
                    }
                    return worker.progress(jobId).orElseGet(() -> polled(jobId));
                });
    }

    private Flux<SolverProgress> polled(UUID jobId) {
        return callers.current().map(caller -> caller.tenantContext()).flatMapMany(tenant -> Flux.interval(
                        java.time.Duration.ZERO, java.time.Duration.ofSeconds(1))
                .onBackpressureDrop()
                .concatMap(tick -> solverJobAs(tenant, jobId))
                .takeUntil(SolverJob::finished)
                .map(SolverProgress::of)
                .distinctUntilChanged());
    }

    // ---- plans ------------------------------------------------------------------------------

    public Mono<Plan> plan(UUID id) {
        return transactions.read(db -> repository.plan(db, id));
    }

    public Mono<Map<UUID, Plan>> plansById(Collection<UUID> ids) {
        return transactions.readMany(db -> repository.plansByIds(db, ids)).collectMap(Plan::id);
    }

    public Flux<Plan> plans(UUID area, LocalDate from, LocalDate to) {
        return transactions.readMany(db -> repository.plans(db, area, from, to));
    }

    /** The published rota of an area on a day. */
    public Mono<RotaDay> rota(UUID area, LocalDate date) {
        return organisation()
                .flatMap(organisation -> transactions.read(db -> repository
                        .publishedPlanId(db, organisation, area, date)
                        .flatMap(id -> repository.plan(db, id))
                        .map(plan -> new RotaDay(area, date, plan))));
    }

    /** The id and version ({@code id:version}) of the caller's organisation's published plan of an area-day. */
    public Mono<String> publishedPlanVersion(UUID area, LocalDate date) {
        return organisation()
                .flatMap(organisation ->
                        transactions.read(db -> repository.publishedPlanVersion(db, organisation, area, date)));
    }

    /** Routes of plans (each with its assignments), optionally of one day, by plan id. */
    public Mono<Map<UUID, List<Route>>> routes(Collection<UUID> planIds, @Nullable LocalDate date) {
        return transactions.read(db -> repository.routes(db, planIds, date)).map(routes -> routes.stream()
                .collect(Collectors.groupingBy(Route::planId)));
    }

    public Mono<Map<UUID, List<UnassignedVisit>>> unassigned(Collection<UUID> planIds) {
        return transactions
                .readMany(db -> repository.unassigned(db, planIds))
                .collect(Collectors.groupingBy(UnassignedVisit::planId));
    }

    /** A carer's day: published assignments, or those of a plan. */
    public record CarerDay(UUID carerId, LocalDate date, @Nullable UUID planId) {}

    public Mono<Map<CarerDay, List<Assignment>>> assignments(Set<CarerDay> keys) {
        Set<UUID> carerIds = new HashSet<>();
        Set<LocalDate> days = new HashSet<>();
        Set<UUID> planIds = new HashSet<>();
        keys.forEach(key -> {
            carerIds.add(key.carerId());
            days.add(key.date());
            if (key.planId() != null) {
                planIds.add(key.planId());
            }
        });
        return transactions
                .readMany(db -> {
                    Flux<Assignment> published = keys.stream().anyMatch(k -> k.planId() == null)
                            ? repository
                                    .publishedAssignments(db, carerIds, days)
                                    .map(a -> a)
                            : Flux.empty();
                    Flux<Assignment> planned =
                            planIds.isEmpty() ? Flux.empty() : repository.planAssignments(db, planIds, carerIds, days);
                    return published
                            .map(a -> Map.entry(new CarerDay(a.carerId(), a.date(), null), a))
                            .concatWith(
                                    planned.map(a -> Map.entry(new CarerDay(a.carerId(), a.date(), a.planId()), a)));
                })
                .collect(LinkedHashMap<CarerDay, List<Assignment>>::new, (map, e) -> map.computeIfAbsent(
                                e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()))
                .map(found -> {
                    Map<CarerDay, List<Assignment>> result = new HashMap<>();
                    keys.forEach(key -> result.put(key, found.getOrDefault(key, List.of())));
                    return result;
                });
    }

    // ---- publishing -------------------------------------------------------------------------

    public Mono<RotaResults.PublishRotaResult> publishRota(PublishRotaInput input) {
        return transactions.write(db -> publish(db, input.planId(), input.expectedVersion()));
    }

    /** Publishes as the platform (start-up demo rota). */
    Mono<RotaResults.PublishRotaResult> publishAs(TenantContext tenant, UUID planId) {
        return transactions.writeAs(
                tenant, db -> repository.plan(db, planId).flatMap(plan -> publish(db, planId, plan.version())));
    }

    /** Publishes inside the caller's transaction: days, status, superseded plans and the change feed together. */
    Mono<RotaResults.PublishRotaResult> publish(DatabaseClient db, UUID planId, long expectedVersion) {
        return repository
                .planForUpdate(db, planId)
                .flatMap(plan -> {
                    if (plan.status().equals("PUBLISHED")) {
                        // published already: publishing again is harmless, changes nothing and takes
                        // no day back from a later same-day re-plan
                        return Mono.just(new RotaPublished(plan, 0, 0));
                    }
                    if (plan.version() != expectedVersion) {
                        return Mono.just(StalePlan.of(plan.version()));
                    }
                    if (!plan.status().equals("DRAFT")) {
                        return Mono.just(new PlanNotPublishable(
                                "A " + plan.status().toLowerCase() + " plan cannot be published", plan.status()));
                    }
                    return repository
                            .publish(db, plan)
                            .then(feed.publishPlan(db, planId))
                            .flatMap(summary -> repository
                                    .plan(db, planId)
                                    .map(published -> (RotaResults.PublishRotaResult) new RotaPublished(
                                            published,
                                            changes(summary),
                                            summary.carers().size())));
                })
                .defaultIfEmpty(RecordNotFound.of("planId", "Plan", planId));
    }

    private static int changes(FeedWriteSummary summary) {
        return summary.upserts() + summary.deletes() + summary.accessWithdrawn();
    }

    // ---- pins -------------------------------------------------------------------------------

    public Mono<AssignmentPinned> assignment(UUID id) {
        return transactions.read(db -> repository.assignment(db, id)).map(AssignmentPinned::new);
    }

    public Mono<Object> setPinned(PinAssignmentInput input, boolean pinned) {
        return transactions
                .write(db -> repository
                        .assignmentForUpdate(db, input.assignmentId())
                        .flatMap(a -> {
                            if (a.version() != input.expectedVersion()) {
                                return Mono.just((Object) new StaleAssignment(
                                        "The assignment was changed by someone else (now version " + a.version()
                                                + "); reload it and try again",
                                        a.version()));
                            }
                            return repository
                                    .setPinned(db, a.id(), pinned)
                                    .then(repository.assignment(db, a.id()))
                                    .map(updated -> (Object) new AssignmentPinned(updated));
                        }))
                .defaultIfEmpty(RecordNotFound.of("assignmentId", "Assignment", input.assignmentId()));
    }

    // ---- comparison -------------------------------------------------------------------------

    public Mono<PlanComparison> comparePlans(UUID a, UUID b) {
        return transactions
                .read(db -> repository
                        .plan(db, a)
                        .switchIfEmpty(Mono.error(new NotFoundException("Plan", a)))
                        .zipWith(repository.plan(db, b).switchIfEmpty(Mono.error(new NotFoundException("Plan", b))))
                        .flatMap(plans -> Mono.zip(
                                        repository.assignmentsOfPlan(db, a).collectList(),
                                        repository.assignmentsOfPlan(db, b).collectList(),
                                        repository.unassigned(db, List.of(a)).collectList(),
                                        repository.unassigned(db, List.of(b)).collectList())
                                .map(rows -> Diff.of(
                                        plans.getT1(),
                                        plans.getT2(),
                                        rows.getT1(),
                                        rows.getT2(),
                                        rows.getT3(),
                                        rows.getT4()))))
                .flatMap(this::resolve);
    }

    /** The raw difference of two plans on the days both cover. */
    record Diff(
            Plan a,
            Plan b,
            Map<UUID, Set<UUID>> gained,
            Map<UUID, Set<UUID>> lost,
            Map<UUID, Set<UUID>> retimed,
            Set<UUID> newlyUnassigned,
            Set<UUID> newlyAssigned) {

        static Diff of(
                Plan a,
                Plan b,
                List<Assignment> inA,
                List<Assignment> inB,
                List<UnassignedVisit> missingA,
                List<UnassignedVisit> missingB) {
            LocalDate from = a.from().isAfter(b.from()) ? a.from() : b.from();
            LocalDate to = a.to().isBefore(b.to()) ? a.to() : b.to();
            boolean overlap = !to.isBefore(from);
            java.util.function.Predicate<LocalDate> inScope =
                    day -> !overlap || (!day.isBefore(from) && !day.isAfter(to));
            Map<String, Assignment> byA = new HashMap<>();
            inA.stream().filter(x -> inScope.test(x.date())).forEach(x -> byA.put(x.carerId() + "/" + x.visitId(), x));
            Map<String, Assignment> byB = new HashMap<>();
            inB.stream().filter(x -> inScope.test(x.date())).forEach(x -> byB.put(x.carerId() + "/" + x.visitId(), x));
            Map<UUID, Set<UUID>> gained = new LinkedHashMap<>();
            Map<UUID, Set<UUID>> lost = new LinkedHashMap<>();
            Map<UUID, Set<UUID>> retimed = new LinkedHashMap<>();
            byB.forEach((key, x) -> {
                Assignment before = byA.get(key);
                if (before == null) {
                    gained.computeIfAbsent(x.carerId(), k -> new LinkedHashSet<>())
                            .add(x.visitId());
                } else if (!before.startAt().isEqual(x.startAt())) {
                    retimed.computeIfAbsent(x.carerId(), k -> new LinkedHashSet<>())
                            .add(x.visitId());
                }
            });
            byA.forEach((key, x) -> {
                if (!byB.containsKey(key)) {
                    lost.computeIfAbsent(x.carerId(), k -> new LinkedHashSet<>())
                            .add(x.visitId());
                }
            });
            Set<UUID> unA = missingA.stream()
                    .filter(u -> inScope.test(u.date()))
                    .map(UnassignedVisit::visitId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Set<UUID> unB = missingB.stream()
                    .filter(u -> inScope.test(u.date()))
                    .map(UnassignedVisit::visitId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Set<UUID> placedB = new HashSet<>();
            byB.values().forEach(x -> placedB.add(x.visitId()));
            Set<UUID> newlyUnassigned = new LinkedHashSet<>(unB);
            newlyUnassigned.removeAll(unA);
            Set<UUID> newlyAssigned = new LinkedHashSet<>();
            unA.stream().filter(placedB::contains).forEach(newlyAssigned::add);
            return new Diff(a, b, gained, lost, retimed, newlyUnassigned, newlyAssigned);
        }
    }

    /** Looks up the carers and visits a diff names (one query each). */
    Mono<PlanComparison> resolve(Diff diff) {
        Set<UUID> carerIds = new TreeSet<>();
        carerIds.addAll(diff.gained().keySet());
        carerIds.addAll(diff.lost().keySet());
        carerIds.addAll(diff.retimed().keySet());
        Set<UUID> visitIds = new HashSet<>();
        List.of(diff.gained(), diff.lost(), diff.retimed())
                .forEach(m -> m.values().forEach(visitIds::addAll));
        visitIds.addAll(diff.newlyUnassigned());
        visitIds.addAll(diff.newlyAssigned());
        Mono<Map<UUID, Carer>> carerMap = carerIds.isEmpty() ? Mono.just(Map.of()) : carers.carersById(carerIds);
        return Mono.zip(carerMap, visits.visitsById(visitIds)).map(t -> {
            Map<UUID, Carer> byCarer = t.getT1();
            Map<UUID, Visit> byVisit = t.getT2();
            List<PlanComparison.CarerPlanChange> changes = new ArrayList<>();
            for (UUID carer : carerIds) {
                Carer c = byCarer.get(carer);
                if (c == null) {
                    continue;
                }
                changes.add(new PlanComparison.CarerPlanChange(
                        c,
                        visitsOf(diff.gained().get(carer), byVisit),
                        visitsOf(diff.lost().get(carer), byVisit),
                        visitsOf(diff.retimed().get(carer), byVisit)));
            }
            return new PlanComparison(
                    diff.a(),
                    diff.b(),
                    changes,
                    visitsOf(diff.newlyUnassigned(), byVisit),
                    visitsOf(diff.newlyAssigned(), byVisit));
        });
    }

    private static List<Visit> visitsOf(@Nullable Set<UUID> ids, Map<UUID, Visit> byId) {
        if (ids == null) {
            return List.of();
        }
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    // ---- helpers ----------------------------------------------------------------------------

    Mono<UUID> organisation() {
        return callers.current()
                .flatMap(caller -> Mono.justOrEmpty(caller.organisationId()))
                .switchIfEmpty(Mono.error(new AccessDeniedException("no organisation")));
    }

    static Mono<Boolean> areaExists(DatabaseClient db, UUID area) {
        return db.sql("select exists (select 1 from areas where id = :id and archived_at is null) as present")
                .bind("id", area)
                .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                .one();
    }

    Transactions transactions() {
        return transactions;
    }

    RotaRepository repository() {
        return repository;
    }
}
