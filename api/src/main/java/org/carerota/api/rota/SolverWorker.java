package org.carerota.api.rota;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.replan.Replanner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Claims queued solver jobs ({@code FOR UPDATE SKIP LOCKED}, with a lease it renews while solving,
 * so a crashed worker's job is taken over by another instance), loads the problem as the job's
 * organisation sees it, solves it on a bounded pool (never on an event-loop thread) and stores the
 * draft plan and the job's end in one transaction. Best scores go to {@link #progress(UUID)}.
 */
@Component
class SolverWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SolverWorker.class);

    private final Transactions transactions;
    private final RotaRepository repository;
    private final ProblemLoader loader;
    private final Clock clock;
    private final SolverProperties properties;
    private final String owner;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final Map<UUID, Sinks.Many<SolverProgress>> sinks = new ConcurrentHashMap<>();
    private final Sinks.Many<Boolean> wake = Sinks.many().multicast().directBestEffort();
    private final Semaphore slots;
    private @Nullable ThreadPoolExecutor executor;
    private @Nullable Disposable poller;
    private volatile boolean started;

    SolverWorker(
            Transactions transactions,
            RotaRepository repository,
            ProblemLoader loader,
            Clock clock,
            SolverProperties properties) {
        this.transactions = transactions;
        this.repository = repository;
        this.loader = loader;
        this.clock = clock;
        this.properties = properties;
        this.owner = hostName() + "/" + UUID.randomUUID();
        this.slots = new Semaphore(properties.effectiveThreads());
    }

    /** A job being solved here. */
    private record Running(SolverJob job, RotaSolver solver, long startedNanos, AtomicReference<String> best) {}

    // ---- lifecycle --------------------------------------------------------------------------

    @Override
    public void start() {
        if (!properties.worker()) {
            log.info("Solver worker is off on this instance (carerota.solver.worker=false)");
            started = true;
            return;
        }
        int threads = properties.effectiveThreads();
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "solver-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1);
            return thread;
        });
        poller = Flux.merge(Flux.interval(Duration.ofMillis(500), properties.pollInterval()), wake.asFlux())
                .onBackpressureDrop()
                .concatMap(
                        tick -> drain().onErrorResume(e -> {
                            log.warn("Claiming solver jobs failed: {}", e.toString());
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
        started = true;
        log.info("Solver worker {} started with {} thread(s)", owner, threads);
    }

    @Override
    public void stop() {
        started = false;
        if (poller != null) {
            poller.dispose();
        }
        running.values().forEach(r -> r.solver().stop());
        if (executor != null) {
            executor.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Look for work now (a job was just queued on this instance). */
    void wakeUp() {
        wake.tryEmitNext(Boolean.TRUE);
    }

    // ---- progress ---------------------------------------------------------------------------

    /** Live progress of a job solved on this instance, if it is (the latest replayed). */
    Optional<Flux<SolverProgress>> progress(UUID jobId) {
        Sinks.Many<SolverProgress> sink = sinks.get(jobId);
        return sink == null ? Optional.empty() : Optional.of(sink.asFlux());
    }

    /** Stops a job running here at once (the lease renewal also sees stops requested elsewhere). */
    boolean stopLocally(UUID jobId) {
        Running r = running.get(jobId);
        if (r == null) {
            return false;
        }
        r.solver().stop();
        return true;
    }

    private void emit(UUID jobId, SolverProgress progress) {
        Sinks.Many<SolverProgress> sink = sinks.get(jobId);
        if (sink != null) {
            sink.emitNext(progress, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(200)));
        }
    }

    private void complete(UUID jobId) {
        Sinks.Many<SolverProgress> sink = sinks.get(jobId);
        if (sink != null) {
            sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(200)));
            // keep the finished stream a little for late subscribers (the latest is replayed), then forget it
            Mono.delay(Duration.ofMinutes(2)).subscribe(t -> sinks.remove(jobId, sink));
        }
    }

    // ---- claiming and solving ---------------------------------------------------------------

    private Mono<Void> drain() {
        return Mono.defer(() -> {
            if (!slots.tryAcquire()) {
                return Mono.empty();
            }
            // the slot taken here is released when the claimed job ends, or at once when there is none
            return transactions
                    .writeAs(TenantContext.SYSTEM, db -> repository.claim(db, owner, leaseSeconds()))
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .doOnError(e -> slots.release())
                    .flatMap(claimed -> {
                        if (claimed.isEmpty()) {
                            slots.release();
                            return Mono.<Void>empty();
                        }
                        launch(claimed.get());
                        return drain();
                    });
        });
    }

    private void launch(SolverJob job) {
        RotaSolver solver = new RotaSolver();
        Running r = new Running(job, solver, System.nanoTime(), new AtomicReference<>());
        running.put(job.id(), r);
        sinks.computeIfAbsent(job.id(), id -> Sinks.many().replay().latest());
        emit(job.id(), new SolverProgress(job.id(), "RUNNING", job.bestScore(), job.feasible(), 0, null));
        log.info(
                "Solving job {} ({} {} {}..{}, {} s)",
                job.id(),
                job.kind(),
                job.areaId(),
                job.from(),
                job.to(),
                job.timeLimitSeconds());
        Disposable renewal = Flux.interval(Duration.ofSeconds(2))
                .onBackpressureDrop()
                .concatMap(tick -> renew(r).onErrorResume(e -> Mono.empty()))
                .subscribe();
        solve(r).flatMap(solved -> store(r, solved))
                .doOnNext(planId -> {
                    SolverProgress done =
                            new SolverProgress(job.id(), "COMPLETED", r.best().get(), null, 100, planId);
                    emit(job.id(), done);
                    log.info("Job {} completed: plan {}", job.id(), planId);
                })
                .onErrorResume(e -> fail(r, e).then(Mono.empty()))
                .doFinally(signal -> {
                    renewal.dispose();
                    running.remove(job.id());
                    complete(job.id());
                    slots.release();
                    wakeUp();
                })
                .subscribe();
    }

    private Mono<Solved> solve(Running r) {
        SolverJob job = r.job();
        TenantContext tenant = new TenantContext("solver-worker", "COORDINATOR", job.organisationId(), null);
        return transactions
                .readAs(
                        tenant,
                        db -> Mono.zip(
                                loader.load(db, job.organisationId(), job.areaId(), job.from(), job.to()),
                                job.basePlanId() == null
                                        ? Mono.just(Map.<String, SolvedPlan.Kept>of())
                                        : kept(db, job.basePlanId()),
                                job.basePlanId() == null
                                        ? Mono.just(Set.<String>of())
                                        : repository
                                                .unassigned(db, List.of(job.basePlanId()))
                                                .map(u -> u.visitId().toString())
                                                .collect(Collectors.toSet())))
                .flatMap(loaded -> {
                    ProblemDocument problem = loaded.getT1();
                    Map<String, SolvedPlan.Kept> kept = loaded.getT2();
                    Set<String> unassignedInBase = loaded.getT3();
                    ThreadPoolExecutor pool = executor;
                    if (pool == null) {
                        return Mono.error(new IllegalStateException("the solver worker is stopped"));
                    }
                    Duration limit = Duration.ofSeconds(job.timeLimitSeconds());
                    CompletableFuture<SolutionDocument> future = CompletableFuture.supplyAsync(
                            () -> {
                                if (!job.kind().equals("REPLAN")) {
                                    return r.solver().solve(problem, limit, score -> r.best()
                                            .set(score));
                                }
                                LocalDateTime now = LocalDateTime.now(clock.withZone(SolvedPlan.LONDON));
                                Replanner.Prepared prepared =
                                        Replanner.prepare(withPins(problem, kept), now, List.of());
                                // Re-planned as Replanner.replan does (CarePlanner's sparing solve): the published
                                // plan's visits that lost their carer, and visits the published plan never saw (an
                                // urgent visit added since), are placed first; every other published assignment
                                // stays with its carer unless placing those forces a change.
                                SolutionDocument solution = r.solver()
                                        .replan(
                                                prepared.problem(),
                                                limit,
                                                score -> r.best().set(score),
                                                newSincePublished(prepared.problem(), unassignedInBase));
                                return Replanner.withFixed(solution, prepared);
                            },
                            pool);
                    return Mono.fromFuture(future).map(solution -> new Solved(problem, solution, kept));
                });
    }

    private record Solved(ProblemDocument problem, SolutionDocument solution, Map<String, SolvedPlan.Kept> kept) {}

    private Mono<Map<String, SolvedPlan.Kept>> kept(org.springframework.r2dbc.core.DatabaseClient db, UUID basePlan) {
        // pinned or manual assignments keep their flags; a locked carer-day keeps all of its assignments
        return repository
                .lockedCarerDays(db, basePlan)
                .collect(Collectors.toSet())
                .flatMap(locked -> repository
                        .assignmentsOfPlan(db, basePlan)
                        .filter(a -> a.pinned() || a.manual() || locked.contains(a.carerId() + "@" + a.date()))
                        .collectMap(
                                a -> a.visitId() + "/" + a.carerId(),
                                a -> new SolvedPlan.Kept(
                                        a.pinned() || locked.contains(a.carerId() + "@" + a.date()),
                                        a.manual(),
                                        a.brokenConstraints())));
    }

    /** Pinned assignments of the base plan become the visits' pinned carers. */
    static ProblemDocument withPins(ProblemDocument problem, Map<String, SolvedPlan.Kept> kept) {
        if (kept.isEmpty()) {
            return problem;
        }
        Set<String> carers = new HashSet<>();
        problem.carers().forEach(c -> carers.add(c.id()));
        Map<String, List<String>> pins = new HashMap<>();
        kept.forEach((key, flags) -> {
            String[] parts = key.split("/");
            if (flags.pinned() && carers.contains(parts[1])) {
                pins.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
            }
        });
        if (pins.isEmpty()) {
            return problem;
        }
        List<ProblemDocument.Visit> visits = problem.visits().stream()
                .map(v -> pins.containsKey(v.id()) && v.pinnedCarers().isEmpty()
                        ? new ProblemDocument.Visit(
                                v.id(),
                                v.serviceUser(),
                                v.commissioner(),
                                v.windowStart(),
                                v.windowEnd(),
                                v.preferredStart(),
                                v.durationMinutes(),
                                v.requiredSkills(),
                                v.carersRequired(),
                                v.dependsOn(),
                                v.priority(),
                                pins.get(v.id())
                                        .subList(0, Math.min(pins.get(v.id()).size(), v.carersRequired())),
                                v.demand())
                        : v)
                .toList();
        return problem.withVisits(visits);
    }

    /**
     * The visits of a re-plan that the published plan never saw: neither assigned in it nor left unassigned by it (an
     * urgent visit added since it was published). The sparing re-plan places them first, as it does the visits of an
     * absent carer.
     */
    static Set<String> newSincePublished(ProblemDocument problem, Set<String> unassignedInBase) {
        Set<String> published = new HashSet<>();
        if (problem.published() != null) {
            problem.published().assignments().forEach(a -> published.add(a.visit()));
        }
        Set<String> fresh = new HashSet<>();
        for (ProblemDocument.Visit visit : problem.visits()) {
            if (!published.contains(visit.id()) && !unassignedInBase.contains(visit.id())) {
                fresh.add(visit.id());
            }
        }
        return fresh;
    }

    private Mono<UUID> store(Running r, Solved solved) {
        SolvedPlan plan = SolvedPlan.of(solved.problem(), solved.solution(), solved.kept());
        SolverJob job = r.job();
        return transactions.writeAs(TenantContext.SYSTEM, db -> repository
                .finish(db, job.id(), owner, "COMPLETED", plan.score(), plan.feasible(), null)
                .flatMap(changed -> changed == 0
                        ? Mono.error(new LeaseLostException(job.id()))
                        : repository.insertPlan(db, plan, job)));
    }

    private Mono<Void> fail(Running r, Throwable e) {
        UUID id = r.job().id();
        if (e instanceof LeaseLostException) {
            log.warn("Job {} was taken over by another worker; dropping this result", id);
            return Mono.empty();
        }
        log.error("Solver job {} failed", id, e);
        String reason = e instanceof org.carerota.planner.io.InvalidProblemException
                ? "The planning problem is invalid: " + e.getMessage()
                : "The solver failed (see the server log, job " + id + ")";
        emit(id, new SolverProgress(id, "FAILED", r.best().get(), null, 100, null));
        return transactions
                .writeAs(TenantContext.SYSTEM, db -> repository.finish(db, id, owner, "FAILED", null, null, reason))
                .onErrorResume(x -> {
                    log.error("Could not record the failure of job {}", id, x);
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> renew(Running r) {
        SolverJob job = r.job();
        long elapsedMillis = (System.nanoTime() - r.startedNanos()) / 1_000_000;
        int percent = (int) Math.min(99, elapsedMillis / (10L * job.timeLimitSeconds()));
        String best = r.best().get();
        Boolean feasible = best == null ? null : SolvedPlan.parts(best)[0] == 0;
        emit(job.id(), new SolverProgress(job.id(), "RUNNING", best, feasible, percent, null));
        return transactions
                .writeAs(TenantContext.SYSTEM, db -> repository
                        .renew(db, job.id(), owner, leaseSeconds(), percent, best, feasible)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty()))
                .doOnNext(result -> {
                    if (result.isEmpty() || result.get()) {
                        r.solver().stop();
                    }
                })
                .subscribeOn(Schedulers.parallel())
                .then();
    }

    private int leaseSeconds() {
        return (int) Math.max(5, properties.lease().toSeconds());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "worker";
        }
    }

    /** The job's lease expired and another worker owns it now. */
    static final class LeaseLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLostException(UUID id) {
            super("lease of job " + id + " lost");
        }
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
