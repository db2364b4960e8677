package org.carerota.api.rota;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of solver jobs and plans. Runs inside the caller's transaction. */
@Repository
class RotaRepository {

    private static final String JOB = "select j.id, j.organisation_id, j.area_id, j.horizon_from, j.horizon_to, j.kind,"
            + " j.status, j.time_limit_seconds, j.progress_percent, j.best_score, j.best_feasible, j.error,"
            + " j.trigger_reason, j.base_plan_id, j.created_at, j.started_at, j.finished_at,"
            + " (select p.id from plans p where p.solver_job_id = j.id order by p.created_at desc limit 1) as plan_id"
            + " from solver_jobs j";

    private static final String PLAN = "select id, organisation_id, version, revision, area_id, horizon_from,"
            + " horizon_to, status, score, feasible, metrics::text as metrics, base_plan_id, solver_job_id,"
            + " published_at, created_at from plans";

    private static final String ASSIGNMENT = "id, version, plan_id, visit_id, carer_id, service_date, position,"
            + " slot_index, arrival_at, start_at, end_at, travel_minutes_before::float8 as travel_minutes_before,"
            + " pinned, manual, broken_constraints";

    // ---- solver jobs ------------------------------------------------------------------------

    Mono<UUID> insertJob(
            DatabaseClient db,
            UUID organisation,
            UUID area,
            LocalDate from,
            LocalDate to,
            String kind,
            @Nullable UUID basePlan,
            @Nullable String reason,
            int timeLimitSeconds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into solver_jobs (organisation_id, area_id,"
                        + " horizon_from, horizon_to, kind, base_plan_id, trigger_reason, time_limit_seconds)"
                        + " values (:organisation, :area, :from, :to, :kind, :base, :reason, :limit) returning id")
                .bind("organisation", organisation)
                .bind("area", area)
                .bind("from", from)
                .bind("to", to)
                .bind("kind", kind)
                .bind("limit", timeLimitSeconds);
        spec = basePlan == null ? spec.bindNull("base", UUID.class) : spec.bind("base", basePlan);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.map(row -> row.get("id", UUID.class)).one();
    }

    Mono<SolverJob> job(DatabaseClient db, UUID id) {
        return db.sql(JOB + " where j.id = :id")
                .bind("id", id)
                .map(RotaRepository::job)
                .one();
    }

    /** Claims the oldest queued job, or a running one whose lease expired (its worker died). */
    Mono<SolverJob> claim(DatabaseClient db, String owner, int leaseSeconds) {
        return db.sql("update solver_jobs set status = 'RUNNING', lease_owner = :owner,"
                        + " lease_expires_at = now() + make_interval(secs => :lease), attempts = attempts + 1,"
                        + " started_at = coalesce(started_at, now()) where id = (select id from solver_jobs"
                        + " where status = 'QUEUED' or (status = 'RUNNING' and lease_expires_at < now())"
                        + " order by created_at for update skip locked limit 1) returning id")
                .bind("owner", owner)
                .bind("lease", leaseSeconds)
                .map(row -> row.get("id", UUID.class))
                .one()
                .flatMap(id -> job(db, id));
    }

    /**
     * Renews the lease and records progress; emits whether a stop was requested, or nothing when
     * the lease was lost (another worker took the job over).
     */
    Mono<Boolean> renew(
            DatabaseClient db,
            UUID id,
            String owner,
            int leaseSeconds,
            int percent,
            @Nullable String bestScore,
            @Nullable Boolean feasible) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update solver_jobs set"
                        + " lease_expires_at = now() + make_interval(secs => :lease), progress_percent = :percent,"
                        + " best_score = coalesce(:score, best_score), best_feasible = coalesce(:feasible, best_feasible)"
                        + " where id = :id and status = 'RUNNING' and lease_owner = :owner"
                        + " returning cancel_requested_at is not null as cancel")
                .bind("id", id)
                .bind("owner", owner)
                .bind("lease", leaseSeconds)
                .bind("percent", Math.max(0, Math.min(100, percent)));
        spec = bestScore == null ? spec.bindNull("score", String.class) : spec.bind("score", bestScore);
        spec = feasible == null ? spec.bindNull("feasible", Boolean.class) : spec.bind("feasible", feasible);
        return spec.map(row -> Boolean.TRUE.equals(row.get("cancel", Boolean.class)))
                .one();
    }

    /** Ends a job this worker holds; emits the rows changed (0: the lease was lost). */
    Mono<Long> finish(
            DatabaseClient db,
            UUID id,
            String owner,
            String status,
            @Nullable String bestScore,
            @Nullable Boolean feasible,
            @Nullable String error) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update solver_jobs set status = :status,"
                        + " finished_at = now(), progress_percent = 100, best_score = coalesce(:score, best_score),"
                        + " best_feasible = coalesce(:feasible, best_feasible), error = :error,"
                        + " lease_expires_at = null, lease_owner = null"
                        + " where id = :id and status = 'RUNNING' and lease_owner = :owner")
                .bind("id", id)
                .bind("owner", owner)
                .bind("status", status);
        spec = bestScore == null ? spec.bindNull("score", String.class) : spec.bind("score", bestScore);
        spec = feasible == null ? spec.bindNull("feasible", Boolean.class) : spec.bind("feasible", feasible);
        spec = error == null ? spec.bindNull("error", String.class) : spec.bind("error", abbreviate(error));
        return spec.fetch().rowsUpdated();
    }

    /** Asks a job to stop: a queued job is cancelled at once, a running one is told at its next lease renewal. */
    Mono<Long> requestStop(DatabaseClient db, UUID id) {
        return db.sql("update solver_jobs set cancel_requested_at = coalesce(cancel_requested_at, now()),"
                        + " status = case when status = 'QUEUED' then 'CANCELLED' else status end,"
                        + " finished_at = case when status = 'QUEUED' then now() else finished_at end"
                        + " where id = :id and status in ('QUEUED', 'RUNNING')")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    // ---- plans ------------------------------------------------------------------------------

    Mono<UUID> insertPlan(DatabaseClient db, SolvedPlan solved, SolverJob job) {
        return db.sql("select pg_advisory_xact_lock(hashtext(cast(:area as text)))")
                .bind("area", job.areaId())
                .fetch()
                .rowsUpdated()
                .then(db.sql("insert into plans (organisation_id, area_id, horizon_from, horizon_to, revision,"
                                + " base_plan_id, status, score, hard_score, medium_score, soft_score, feasible,"
                                + " metrics, solver_job_id) values (:organisation, :area, :from, :to,"
                                + " (select coalesce(max(revision), 0) + 1 from plans where area_id = :area),"
                                + " :base, 'DRAFT', :score, :hard, :medium, :soft, :feasible, cast(:metrics as jsonb),"
                                + " :job) returning id")
                        .bind("organisation", job.organisationId())
                        .bind("area", job.areaId())
                        .bind("from", job.from())
                        .bind("to", job.to())
                        .bind("score", solved.score())
                        .bind("hard", solved.hard())
                        .bind("medium", solved.medium())
                        .bind("soft", solved.soft())
                        .bind("feasible", solved.feasible())
                        .bind("metrics", solved.metricsJson())
                        .bind("job", job.id())
                        .bindNull("base", UUID.class)
                        .map(row -> row.get("id", UUID.class))
                        .one())
                .flatMap(planId -> (job.basePlanId() == null
                                ? Mono.just(0L)
                                : db.sql("update plans set base_plan_id = :base where id = :id")
                                        .bind("base", job.basePlanId())
                                        .bind("id", planId)
                                        .fetch()
                                        .rowsUpdated())
                        .then(insertRows(db, planId, job.organisationId(), solved))
                        .thenReturn(planId));
    }

    /** Writes a plan's routes, assignments and unassigned visits (one statement per table). */
    Mono<Void> insertRows(DatabaseClient db, UUID planId, UUID organisation, SolvedPlan solved) {
        Mono<Long> routes = solved.routes().isEmpty()
                ? Mono.just(0L)
                : db.sql("insert into plan_routes (organisation_id, plan_id, carer_id, service_date, leaves_at,"
                                + " returns_at, travel_minutes_to_end) select :organisation, :plan, r.carer,"
                                + " r.day, r.leaves, r.returns, r.travel from unnest(cast(:carers as uuid[]),"
                                + " cast(:days as date[]), cast(:leaves as timestamptz[]),"
                                + " cast(:returns as timestamptz[]), cast(:travel as numeric[]))"
                                + " as r(carer, day, leaves, returns, travel)")
                        .bind("organisation", organisation)
                        .bind("plan", planId)
                        .bind(
                                "carers",
                                solved.routes().stream()
                                        .map(r -> r.carer().toString())
                                        .toArray(String[]::new))
                        .bind(
                                "days",
                                solved.routes().stream()
                                        .map(r -> r.date().toString())
                                        .toArray(String[]::new))
                        .bind(
                                "leaves",
                                solved.routes().stream()
                                        .map(r -> text(r.leaves()))
                                        .toArray(String[]::new))
                        .bind(
                                "returns",
                                solved.routes().stream()
                                        .map(r -> text(r.returns()))
                                        .toArray(String[]::new))
                        .bind(
                                "travel",
                                solved.routes().stream()
                                        .map(r -> text(r.travelToEnd()))
                                        .toArray(String[]::new))
                        .fetch()
                        .rowsUpdated();
        List<SolvedPlan.Slot> slots = solved.assignments();
        Mono<Long> assignments = slots.isEmpty()
                ? Mono.just(0L)
                : db.sql("insert into assignments (organisation_id, plan_id, visit_id, carer_id, slot_index,"
                                + " service_date, position, arrival_at, start_at, end_at, travel_minutes_before,"
                                + " travel_km_before, pinned, manual, broken_constraints)"
                                + " select :organisation, :plan, a.visit, a.carer, a.slot, a.day, a.pos, a.arrival,"
                                + " a.start, a.finish, a.travel, a.km, a.pinned, a.manual,"
                                + " case when a.broken = '' then '{}'::text[] else string_to_array(a.broken, '|') end"
                                + " from unnest(cast(:visits as uuid[]), cast(:carers as uuid[]),"
                                + " cast(:slots as smallint[]), cast(:days as date[]), cast(:positions as int[]),"
                                + " cast(:arrivals as timestamptz[]), cast(:starts as timestamptz[]),"
                                + " cast(:ends as timestamptz[]), cast(:travel as numeric[]), cast(:km as numeric[]),"
                                + " cast(:pinned as boolean[]), cast(:manual as boolean[]), cast(:broken as text[]))"
                                + " as a(visit, carer, slot, day, pos, arrival, start, finish, travel, km, pinned,"
                                + " manual, broken)")
                        .bind("organisation", organisation)
                        .bind("plan", planId)
                        .bind("visits", strings(slots, s -> s.visit().toString()))
                        .bind("carers", strings(slots, s -> s.carer().toString()))
                        .bind("slots", strings(slots, s -> Integer.toString(s.slotIndex())))
                        .bind("days", strings(slots, s -> s.date().toString()))
                        .bind("positions", strings(slots, s -> Integer.toString(s.position())))
                        .bind("arrivals", strings(slots, s -> s.arrival().toString()))
                        .bind("starts", strings(slots, s -> s.start().toString()))
                        .bind("ends", strings(slots, s -> s.end().toString()))
                        .bind("travel", strings(slots, s -> Double.toString(s.travelMinutes())))
                        .bind("km", strings(slots, s -> Double.toString(s.travelKm())))
                        .bind("pinned", strings(slots, s -> Boolean.toString(s.pinned())))
                        .bind("manual", strings(slots, s -> Boolean.toString(s.manual())))
                        .bind("broken", strings(slots, s -> String.join("|", s.brokenConstraints())))
                        .fetch()
                        .rowsUpdated();
        List<SolvedPlan.Missing> missing = solved.unassigned();
        Mono<Long> unassigned = missing.isEmpty()
                ? Mono.just(0L)
                : db.sql("insert into unassigned_visits (organisation_id, plan_id, visit_id, slot_index,"
                                + " service_date, reasons) select :organisation, :plan, u.visit, u.slot, u.day,"
                                + " case when u.reasons = '' then '{}'::text[] else string_to_array(u.reasons, chr(31))"
                                + " end from unnest(cast(:visits as uuid[]), cast(:slots as smallint[]),"
                                + " cast(:days as date[]), cast(:reasons as text[])) as u(visit, slot, day, reasons)")
                        .bind("organisation", organisation)
                        .bind("plan", planId)
                        .bind(
                                "visits",
                                missing.stream().map(m -> m.visit().toString()).toArray(String[]::new))
                        .bind(
                                "slots",
                                missing.stream()
                                        .map(m -> Integer.toString(m.slotIndex()))
                                        .toArray(String[]::new))
                        .bind(
                                "days",
                                missing.stream().map(m -> m.date().toString()).toArray(String[]::new))
                        .bind(
                                "reasons",
                                missing.stream()
                                        .map(m -> String.join("\u001f", m.reasons()))
                                        .toArray(String[]::new))
                        .fetch()
                        .rowsUpdated();
        return routes.then(assignments).then(unassigned).then();
    }

    /** Deletes a plan's routes, assignments and unassigned visits (before writing them again). */
    Mono<Void> deleteRows(DatabaseClient db, UUID planId) {
        return db.sql("delete from assignments where plan_id = :plan")
                .bind("plan", planId)
                .fetch()
                .rowsUpdated()
                .then(db.sql("delete from unassigned_visits where plan_id = :plan")
                        .bind("plan", planId)
                        .fetch()
                        .rowsUpdated())
                .then(db.sql("delete from plan_routes where plan_id = :plan")
                        .bind("plan", planId)
                        .fetch()
                        .rowsUpdated())
                .then();
    }

    Mono<Plan> plan(DatabaseClient db, UUID id) {
        return db.sql(PLAN + " where id = :id")
                .bind("id", id)
                .map(RotaRepository::plan)
                .one();
    }

    Mono<Plan> planForUpdate(DatabaseClient db, UUID id) {
        return db.sql(PLAN + " where id = :id for update")
                .bind("id", id)
                .map(RotaRepository::plan)
                .one();
    }

    Flux<Plan> plansByIds(DatabaseClient db, Collection<UUID> ids) {
        return db.sql(PLAN + " where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(RotaRepository::plan)
                .all();
    }

    Flux<Plan> plans(DatabaseClient db, UUID area, LocalDate from, LocalDate to) {
        return db.sql(PLAN + " where area_id = :area and horizon_from <= :to and horizon_to >= :from"
                        + " order by created_at desc limit 200")
                .bind("area", area)
                .bind("from", from)
                .bind("to", to)
                .map(RotaRepository::plan)
                .all();
    }

    Mono<Long> bumpPlanVersion(DatabaseClient db, UUID id, @Nullable String score, @Nullable SolvedPlan solved) {
        if (solved == null) {
            return db.sql("update plans set version = version + 1 where id = :id")
                    .bind("id", id)
                    .fetch()
                    .rowsUpdated();
        }
        return db.sql("update plans set version = version + 1, score = :score, hard_score = :hard,"
                        + " medium_score = :medium, soft_score = :soft, feasible = :feasible,"
                        + " metrics = cast(:metrics as jsonb) where id = :id")
                .bind("id", id)
                .bind("score", solved.score())
                .bind("hard", solved.hard())
                .bind("medium", solved.medium())
                .bind("soft", solved.soft())
                .bind("feasible", solved.feasible())
                .bind("metrics", solved.metricsJson())
                .fetch()
                .rowsUpdated();
    }

    /** The plan the organisation published for an area on a day, if any (other providers may publish theirs). */
    Mono<UUID> publishedPlanId(DatabaseClient db, UUID organisation, UUID area, LocalDate date) {
        return db.sql("select plan_id from published_plan_days where organisation_id = :organisation"
                        + " and area_id = :area and service_date = :date")
                .bind("organisation", organisation)
                .bind("area", area)
                .bind("date", date)
                .map(row -> row.get("plan_id", UUID.class))
                .one();
    }

    /** {@code id:version} of the plan the organisation published for an area on a day, if any. */
    Mono<String> publishedPlanVersion(DatabaseClient db, UUID organisation, UUID area, LocalDate date) {
        return db.sql("select p.id::text || ':' || p.version as plan from published_plan_days d join plans p"
                        + " on p.id = d.plan_id where d.organisation_id = :organisation and d.area_id = :area"
                        + " and d.service_date = :date")
                .bind("organisation", organisation)
                .bind("area", area)
                .bind("date", date)
                .map(row -> row.get("plan", String.class))
                .one();
    }

    /** Makes the plan the published one for every day of its horizon; supersedes plans left with no day. */
    Mono<Void> publish(DatabaseClient db, Plan plan) {
        return db.sql("insert into published_plan_days (organisation_id, area_id, service_date, plan_id)"
                        + " select :organisation, :area, d::date, :plan from generate_series(cast(:from as date),"
                        + " cast(:to as date), interval '1 day') as d on conflict (organisation_id, area_id, service_date)"
                        + " do update set plan_id = excluded.plan_id"
                        + " where published_plan_days.plan_id <> excluded.plan_id")
                .bind("organisation", plan.organisationId())
                .bind("area", plan.areaId())
                .bind("from", plan.from())
                .bind("to", plan.to())
                .bind("plan", plan.id())
                .fetch()
                .rowsUpdated()
                .then(db.sql("update plans set status = 'PUBLISHED', published_at = coalesce(published_at, now()),"
                                + " version = version + 1 where id = :id and status <> 'PUBLISHED'")
                        .bind("id", plan.id())
                        .fetch()
                        .rowsUpdated())
                .then(db.sql("update plans p set status = 'SUPERSEDED', version = version + 1"
                                + " where p.organisation_id = :organisation and p.area_id = :area"
                                + " and p.status = 'PUBLISHED' and p.id <> :id"
                                + " and not exists (select 1 from published_plan_days d where d.plan_id = p.id)")
                        .bind("organisation", plan.organisationId())
                        .bind("area", plan.areaId())
                        .bind("id", plan.id())
                        .fetch()
                        .rowsUpdated())
                .then();
    }

    // ---- routes and assignments -------------------------------------------------------------

    /** The routes of plans (optionally one day), each with its assignments in order. */
    Mono<List<Route>> routes(DatabaseClient db, Collection<UUID> planIds, @Nullable LocalDate date) {
        UUID[] ids = planIds.toArray(UUID[]::new);
        String day = date == null ? "" : " and service_date = :date";
        DatabaseClient.GenericExecuteSpec routeSpec = db.sql("select plan_id, carer_id, service_date, leaves_at,"
                        + " returns_at from plan_routes where plan_id = any(:ids)" + day
                        + " order by plan_id, service_date, carer_id")
                .bind("ids", ids);
        DatabaseClient.GenericExecuteSpec assignmentSpec = db.sql("select " + ASSIGNMENT
                        + " from assignments where plan_id = any(:ids)" + day
                        + " order by plan_id, service_date, carer_id, position, slot_index")
                .bind("ids", ids);
        if (date != null) {
            routeSpec = routeSpec.bind("date", date);
            assignmentSpec = assignmentSpec.bind("date", date);
        }
        Mono<Map<String, List<Assignment>>> assignments = assignmentSpec
                .map(RotaRepository::assignment)
                .all()
                .collect(LinkedHashMap::new, (map, a) -> map.computeIfAbsent(
                                routeKey(a.planId(), a.carerId(), a.date()), key -> new ArrayList<>())
                        .add(a));
        DatabaseClient.GenericExecuteSpec routeQuery = routeSpec;
        return assignments.flatMap(byRoute -> routeQuery
                .map(row -> {
                    UUID plan = row.get("plan_id", UUID.class);
                    UUID carer = row.get("carer_id", UUID.class);
                    LocalDate serviceDate = row.get("service_date", LocalDate.class);
                    return new Route(
                            plan,
                            carer,
                            serviceDate,
                            row.get("leaves_at", OffsetDateTime.class),
                            row.get("returns_at", OffsetDateTime.class),
                            List.copyOf(byRoute.getOrDefault(routeKey(plan, carer, serviceDate), List.of())));
                })
                .all()
                .collectList());
    }

    private static String routeKey(UUID plan, UUID carer, LocalDate date) {
        return plan + "/" + carer + "/" + date;
    }

    /** Published assignments (current_assignments) of carers on days. */
    Flux<Assignment> publishedAssignments(DatabaseClient db, Collection<UUID> carers, Collection<LocalDate> days) {
        return db.sql("select " + ASSIGNMENT + " from current_assignments where carer_id = any(:carers)"
                        + " and service_date = any(cast(:days as date[])) order by start_at, slot_index")
                .bind("carers", carers.toArray(UUID[]::new))
                .bind("days", days.stream().map(LocalDate::toString).toArray(String[]::new))
                .map(RotaRepository::assignment)
                .all();
    }

    /** Assignments of plans for carers on days. */
    Flux<Assignment> planAssignments(
            DatabaseClient db, Collection<UUID> plans, Collection<UUID> carers, Collection<LocalDate> days) {
        return db.sql("select " + ASSIGNMENT + " from assignments where plan_id = any(:plans)"
                        + " and carer_id = any(:carers) and service_date = any(cast(:days as date[]))"
                        + " order by start_at, slot_index")
                .bind("plans", plans.toArray(UUID[]::new))
                .bind("carers", carers.toArray(UUID[]::new))
                .bind("days", days.stream().map(LocalDate::toString).toArray(String[]::new))
                .map(RotaRepository::assignment)
                .all();
    }

    Flux<Assignment> assignmentsOfPlan(DatabaseClient db, UUID plan) {
        return db.sql("select " + ASSIGNMENT + " from assignments where plan_id = :plan"
                        + " order by service_date, carer_id, position, slot_index")
                .bind("plan", plan)
                .map(RotaRepository::assignment)
                .all();
    }

    /** "carer@date" of the plan's carer-days whose shifts are locked (lockCarerDay). */
    Flux<String> lockedCarerDays(DatabaseClient db, UUID plan) {
        return db.sql("select distinct a.carer_id, a.service_date from assignments a join shifts s"
                        + " on s.carer_id = a.carer_id and s.locked"
                        + " and (s.starts_at at time zone 'Europe/London')::date = a.service_date"
                        + " where a.plan_id = :plan")
                .bind("plan", plan)
                .map(row -> row.get("carer_id", UUID.class) + "@" + row.get("service_date", LocalDate.class))
                .all();
    }

    Mono<Assignment> assignmentForUpdate(DatabaseClient db, UUID id) {
        return db.sql("select " + ASSIGNMENT + " from assignments where id = :id for update")
                .bind("id", id)
                .map(RotaRepository::assignment)
                .one();
    }

    Mono<Assignment> assignment(DatabaseClient db, UUID id) {
        return db.sql("select " + ASSIGNMENT + " from assignments where id = :id")
                .bind("id", id)
                .map(RotaRepository::assignment)
                .one();
    }

    Mono<Long> setPinned(DatabaseClient db, UUID id, boolean pinned) {
        return db.sql("update assignments set pinned = :pinned, version = version + 1 where id = :id")
                .bind("id", id)
                .bind("pinned", pinned)
                .fetch()
                .rowsUpdated();
    }

    Flux<UnassignedVisit> unassigned(DatabaseClient db, Collection<UUID> planIds) {
        return db.sql("select plan_id, visit_id, service_date, slot_index, reasons from unassigned_visits"
                        + " where plan_id = any(:ids) order by plan_id, service_date, visit_id, slot_index")
                .bind("ids", planIds.toArray(UUID[]::new))
                .map(row -> new UnassignedVisit(
                        row.get("plan_id", UUID.class),
                        row.get("visit_id", UUID.class),
                        row.get("service_date", LocalDate.class),
                        row.get("slot_index", Short.class),
                        List.of(row.get("reasons", String[].class))))
                .all();
    }

    // ---- same-day changes -------------------------------------------------------------------

    /** The organisation's auto-publish setting for same-day re-plans. */
    Mono<Boolean> autoPublishSameDay(DatabaseClient db, UUID organisation) {
        return db.sql("select auto_publish_same_day from organisations where id = :id")
                .bind("id", organisation)
                .map(row -> Boolean.TRUE.equals(row.get("auto_publish_same_day", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    /** Area-days whose published rota gives the carer visits between from and to. */
    Flux<AreaDay> publishedAreaDaysOfCarer(DatabaseClient db, UUID carer, OffsetDateTime from, OffsetDateTime to) {
        return db.sql("select distinct d.area_id, d.service_date from current_assignments a"
                        + " join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date"
                        + " where a.carer_id = :carer and a.end_at > :from and a.start_at < :to"
                        + " order by d.service_date")
                .bind("carer", carer)
                .bind("from", from)
                .bind("to", to)
                .map(row -> new AreaDay(row.get("area_id", UUID.class), row.get("service_date", LocalDate.class)))
                .all();
    }

    /** The area-day of a visit whose day has a published rota covering the visit's area. */
    Mono<AreaDay> publishedAreaDayOfVisit(DatabaseClient db, UUID visit) {
        return db.sql("with recursive up(id) as (select v.area_id from visits v where v.id = :visit union all"
                        + " select a.parent_id from areas a join up on a.id = up.id where a.parent_id is not null)"
                        + " select d.area_id, d.service_date from published_plan_days d, visits v"
                        + " where v.id = :visit and d.organisation_id = v.organisation_id"
                        + " and d.service_date = v.service_date and d.area_id in (select id from up)"
                        + " limit 1")
                .bind("visit", visit)
                .map(row -> new AreaDay(row.get("area_id", UUID.class), row.get("service_date", LocalDate.class)))
                .one();
    }

    /** An area and a day. */
    record AreaDay(UUID areaId, LocalDate date) {}

    // ---- row mapping ------------------------------------------------------------------------

    static SolverJob job(Readable row) {
        return new SolverJob(
                row.get("id", UUID.class),
                row.get("organisation_id", UUID.class),
                row.get("area_id", UUID.class),
                row.get("horizon_from", LocalDate.class),
                row.get("horizon_to", LocalDate.class),
                row.get("kind", String.class),
                row.get("status", String.class),
                row.get("time_limit_seconds", Integer.class),
                row.get("progress_percent", Short.class),
                row.get("best_score", String.class),
                row.get("best_feasible", Boolean.class),
                row.get("error", String.class),
                row.get("trigger_reason", String.class),
                row.get("base_plan_id", UUID.class),
                row.get("plan_id", UUID.class),
                row.get("created_at", OffsetDateTime.class),
                row.get("started_at", OffsetDateTime.class),
                row.get("finished_at", OffsetDateTime.class));
    }

    static Plan plan(Readable row) {
        return new Plan(
                row.get("id", UUID.class),
                row.get("organisation_id", UUID.class),
                row.get("version", Long.class),
                row.get("revision", Integer.class),
                row.get("area_id", UUID.class),
                row.get("horizon_from", LocalDate.class),
                row.get("horizon_to", LocalDate.class),
                row.get("status", String.class),
                row.get("score", String.class),
                row.get("feasible", Boolean.class),
                row.get("metrics", String.class),
                row.get("base_plan_id", UUID.class),
                row.get("solver_job_id", UUID.class),
                row.get("published_at", OffsetDateTime.class),
                row.get("created_at", OffsetDateTime.class));
    }

    static Assignment assignment(Readable row) {
        Double travel = row.get("travel_minutes_before", Double.class);
        return new Assignment(
                row.get("id", UUID.class),
                row.get("version", Long.class),
                row.get("plan_id", UUID.class),
                row.get("visit_id", UUID.class),
                row.get("carer_id", UUID.class),
                row.get("service_date", LocalDate.class),
                row.get("position", Integer.class),
                row.get("slot_index", Short.class),
                row.get("arrival_at", OffsetDateTime.class),
                row.get("start_at", OffsetDateTime.class),
                row.get("end_at", OffsetDateTime.class),
                travel == null ? 0.0 : travel,
                Boolean.TRUE.equals(row.get("pinned", Boolean.class)),
                Boolean.TRUE.equals(row.get("manual", Boolean.class)),
                List.of(row.get("broken_constraints", String[].class)));
    }

    private static <T> String[] strings(List<T> items, java.util.function.Function<T, String> value) {
        return items.stream().map(value).toArray(String[]::new);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
