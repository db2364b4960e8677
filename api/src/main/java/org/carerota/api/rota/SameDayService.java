package org.carerota.api.rota;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.carerota.api.rota.RotaInputs.AddUrgentVisitInput;
import org.carerota.api.rota.RotaInputs.CancelVisitInput;
import org.carerota.api.rota.RotaInputs.ReportAbsenceInput;
import org.carerota.api.rota.RotaInputs.ReportOverrunInput;
import org.carerota.api.rota.RotaRepository.AreaDay;
import org.carerota.api.rota.RotaResults.InvalidInput;
import org.carerota.api.rota.RotaResults.RecordNotFound;
import org.carerota.api.rota.RotaResults.SameDayReplan;
import org.carerota.api.rota.RotaResults.SameDayReplanned;
import org.carerota.api.rota.RotaResults.StaleVisit;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Same-day changes: each records what happened, then re-plans every affected area-day against its
 * published rota (a REPLAN solver job: visits already started or done stay fixed, the planner's
 * disruption constraint keeps the rest where it can) and answers the draft and its difference from
 * the published rota; the draft is published at once when the organisation's
 * {@code auto_publish_same_day} says so.
 */
@Service
class SameDayService {

    static final Set<String> ABSENCE_KINDS =
            Set.of("SICKNESS", "ANNUAL_LEAVE", "TRAINING", "COMPASSIONATE", "UNAVAILABLE", "OTHER");
    static final Set<String> PRIORITIES = Set.of("TIME_CRITICAL", "HIGH", "NORMAL", "LOW");
    static final int MAX_SAME_DAY_SECONDS = 120;
    static final int MAX_TEXT = 1000;

    private final RotaService rota;
    private final SolverProperties properties;

    SameDayService(RotaService rota, SolverProperties properties) {
        this.rota = rota;
        this.properties = properties;
    }

    // ---- absence ----------------------------------------------------------------------------

    Mono<RotaResults.ReportAbsenceResult> reportAbsence(ReportAbsenceInput input) {
        String kind = input.kind() == null ? "SICKNESS" : input.kind();
        InvalidInput invalid = null;
        if (!input.to().isAfter(input.from())) {
            invalid = InvalidInput.of("to", "must be after from");
        } else if (ChronoUnit.DAYS.between(input.from(), input.to()) > 366) {
            invalid = InvalidInput.of("to", "an absence lasts at most a year");
        } else if (!ABSENCE_KINDS.contains(kind)) {
            invalid = InvalidInput.of("kind", "must be one of " + ABSENCE_KINDS);
        } else if (input.reason() != null && input.reason().length() > MAX_TEXT) {
            invalid = InvalidInput.of("reason", "at most " + MAX_TEXT + " characters");
        }
        if (invalid == null) {
            invalid = limitProblem(input.timeLimitSeconds());
        }
        if (invalid != null) {
            return Mono.just(invalid);
        }
        int limit = limit(input.timeLimitSeconds());
        String reason = "absence of carer " + input.carerId() + ": " + kind
                + (input.reason() == null ? "" : " (" + input.reason() + ")");
        return rota.organisation().flatMap(organisation -> rota.transactions()
                .write(db -> db.sql("select organisation_id from carers where id = :id and archived_at is null")
                        .bind("id", input.carerId())
                        .map(row -> row.get("organisation_id", UUID.class))
                        .one()
                        .flatMap(owner -> {
                            if (!owner.equals(organisation)) {
                                return Mono.just(new Recorded(
                                        InvalidInput.of("carerId", "the carer belongs to another organisation"),
                                        List.of()));
                            }
                            return db.sql("insert into absences (organisation_id, carer_id, starts_at, ends_at, kind,"
                                            + " reason) values (:organisation, :carer, :from, :to, :kind, :reason)")
                                    .bind("organisation", organisation)
                                    .bind("carer", input.carerId())
                                    .bind("from", input.from())
                                    .bind("to", input.to())
                                    .bind("kind", kind)
                                    .bind("reason", input.reason() == null ? kind : input.reason())
                                    .fetch()
                                    .rowsUpdated()
                                    .thenMany(rota.repository()
                                            .publishedAreaDaysOfCarer(db, input.carerId(), input.from(), input.to()))
                                    .collectList()
                                    .map(days -> new Recorded(null, days));
                        }))
                .flatMap(recorded -> recorded.problem() != null
                        ? Mono.just((RotaResults.ReportAbsenceResult) recorded.problem())
                        : replanAll(organisation, recorded.days(), reason, limit)
                                .map(r -> (RotaResults.ReportAbsenceResult) r))
                .defaultIfEmpty(RecordNotFound.of("carerId", "Carer", input.carerId())));
    }

    /** The change is recorded (or refused with a problem); these area-days need re-planning. */
    private record Recorded(@Nullable InvalidInput problem, List<AreaDay> days) {}

    // ---- urgent visit -----------------------------------------------------------------------

    Mono<RotaResults.AddUrgentVisitResult> addUrgentVisit(AddUrgentVisitInput input) {
        int carers = input.carersRequired() == null ? 1 : input.carersRequired();
        String priority = input.priority() == null ? "HIGH" : input.priority();
        List<String> skills = input.requiredSkills() == null ? List.of() : input.requiredSkills();
        InvalidInput invalid = null;
        if (!input.windowEnd().isAfter(input.windowStart())) {
            invalid = InvalidInput.of("windowEnd", "must be after windowStart");
        } else if (Duration.between(input.windowStart(), input.windowEnd()).toHours() > 24) {
            invalid = InvalidInput.of("windowEnd", "a window lasts at most 24 hours");
        } else if (input.durationMinutes() < 1 || input.durationMinutes() > 1440) {
            invalid = InvalidInput.of("durationMinutes", "must be between 1 and 1440");
        } else if (carers < 1 || carers > 4) {
            invalid = InvalidInput.of("carersRequired", "must be between 1 and 4");
        } else if (!PRIORITIES.contains(priority)) {
            invalid = InvalidInput.of("priority", "must be one of " + PRIORITIES);
        } else if (input.note() != null && input.note().length() > MAX_TEXT) {
            invalid = InvalidInput.of("note", "at most " + MAX_TEXT + " characters");
        } else if (skills.size() > 20) {
            invalid = InvalidInput.of("requiredSkills", "at most 20 skills");
        }
        if (invalid == null) {
            invalid = limitProblem(input.timeLimitSeconds());
        }
        if (invalid != null) {
            return Mono.just(invalid);
        }
        int limit = limit(input.timeLimitSeconds());
        return rota.organisation().flatMap(organisation -> rota.transactions()
                .write(db -> db.sql(
                                "select su.organisation_id, su.area_id, (select p.commissioner_id from care_packages p"
                                        + " where p.service_user_id = su.id and p.archived_at is null order by p.starts_on desc"
                                        + " limit 1) as commissioner_id from service_users su where su.id = :id"
                                        + " and su.archived_at is null")
                        .bind("id", input.serviceUserId())
                        .map(row -> new Person(
                                row.get("organisation_id", UUID.class),
                                row.get("area_id", UUID.class),
                                row.get("commissioner_id", UUID.class)))
                        .one()
                        .flatMap(person -> {
                            UUID commissioner =
                                    input.commissionerId() != null ? input.commissionerId() : person.commissioner();
                            if (commissioner == null) {
                                return Mono.just(new Recorded(
                                        InvalidInput.of("commissionerId", "required: the person has no care package"),
                                        List.of()));
                            }
                            return skillIds(db, skills).flatMap(ids -> {
                                if (ids.size() != skills.stream().distinct().count()) {
                                    return Mono.just(new Recorded(
                                            InvalidInput.of("requiredSkills", "names a skill that does not exist"),
                                            List.of()));
                                }
                                return insertVisit(db, person, commissioner, input, carers, priority)
                                        .flatMap(visitId -> db.sql("insert into visit_required_skills"
                                                        + " (organisation_id, visit_id, skill_id) select :organisation,"
                                                        + " :visit, unnest(cast(:skills as uuid[]))")
                                                .bind("organisation", person.organisation())
                                                .bind("visit", visitId)
                                                .bind("skills", ids.toArray(UUID[]::new))
                                                .fetch()
                                                .rowsUpdated()
                                                .then(rota.repository()
                                                        .publishedAreaDayOfVisit(db, visitId)
                                                        .map(List::of)
                                                        .defaultIfEmpty(List.of()))
                                                .map(days -> new Recorded(null, days)));
                            });
                        }))
                .flatMap(recorded -> recorded.problem() != null
                        ? Mono.just((RotaResults.AddUrgentVisitResult) recorded.problem())
                        : replanAll(organisation, recorded.days(), "urgent visit for " + input.serviceUserId(), limit)
                                .map(r -> (RotaResults.AddUrgentVisitResult) r))
                .defaultIfEmpty(RecordNotFound.of("serviceUserId", "Service user", input.serviceUserId())));
    }

    private record Person(UUID organisation, UUID area, @Nullable UUID commissioner) {}

    private static Mono<List<UUID>> skillIds(DatabaseClient db, List<String> codes) {
        if (codes.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select id from skills where code = any(:codes) and archived_at is null")
                .bind("codes", codes.toArray(String[]::new))
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList();
    }

    private static Mono<UUID> insertVisit(
            DatabaseClient db,
            Person person,
            UUID commissioner,
            AddUrgentVisitInput input,
            int carers,
            String priority) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into visits (organisation_id, service_user_id,"
                        + " commissioner_id, area_id, window_start, window_end, duration_minutes, carers_required,"
                        + " priority, note) values (:organisation, :person, :commissioner, :area, :start, :end,"
                        + " :duration, :carers, :priority, :note) returning id")
                .bind("organisation", person.organisation())
                .bind("person", input.serviceUserId())
                .bind("commissioner", commissioner)
                .bind("area", person.area())
                .bind("start", input.windowStart())
                .bind("end", input.windowEnd())
                .bind("duration", input.durationMinutes())
                .bind("carers", (short) carers)
                .bind("priority", priority);
        spec = input.note() == null ? spec.bindNull("note", String.class) : spec.bind("note", input.note());
        return spec.map(row -> row.get("id", UUID.class)).one();
    }

    // ---- cancellation and overrun -----------------------------------------------------------

    Mono<RotaResults.CancelVisitResult> cancelVisit(CancelVisitInput input) {
        InvalidInput invalid = limitProblem(input.timeLimitSeconds());
        if (invalid == null && input.reason() != null && input.reason().length() > MAX_TEXT) {
            invalid = InvalidInput.of("reason", "at most " + MAX_TEXT + " characters");
        }
        if (invalid != null) {
            return Mono.just(invalid);
        }
        int limit = limit(input.timeLimitSeconds());
        return rota.organisation().flatMap(organisation -> rota.transactions()
                .write(db -> visitForUpdate(db, input.visitId()).flatMap(visit -> {
                    if (input.expectedVersion() != null && input.expectedVersion() != visit.version()) {
                        return Mono.just(new Changed(
                                new StaleVisit(
                                        "The visit was changed by someone else (now version " + visit.version()
                                                + "); reload it and try again",
                                        visit.version()),
                                List.of()));
                    }
                    if (!visit.status().equals("PLANNED")) {
                        return Mono.just(new Changed(
                                InvalidInput.of(
                                        "visitId", "a " + visit.status().toLowerCase() + " visit cannot be cancelled"),
                                List.of()));
                    }
                    return db.sql("update visits set status = 'CANCELLED', cancelled_at = now(),"
                                    + " cancellation_reason = :reason, version = version + 1 where id = :id")
                            .bind("id", input.visitId())
                            .bind("reason", input.reason() == null ? "cancelled" : input.reason())
                            .fetch()
                            .rowsUpdated()
                            .then(areaDays(db, input.visitId()))
                            .map(days -> new Changed(null, days));
                }))
                .flatMap(changed -> changed.problem() != null
                        ? Mono.just(changed.problem())
                        : replanAll(organisation, changed.days(), "visit " + input.visitId() + " cancelled", limit)
                                .map(r -> (RotaResults.CancelVisitResult) r))
                .defaultIfEmpty(RecordNotFound.of("visitId", "Visit", input.visitId())));
    }

    private record Changed(RotaResults.@Nullable CancelVisitResult problem, List<AreaDay> days) {}

    private record VisitState(long version, String status, int durationMinutes) {}

    private static Mono<VisitState> visitForUpdate(DatabaseClient db, UUID id) {
        return db.sql("select version, status, duration_minutes from visits where id = :id for update")
                .bind("id", id)
                .map(row -> new VisitState(
                        row.get("version", Long.class),
                        row.get("status", String.class),
                        row.get("duration_minutes", Integer.class)))
                .one();
    }

    private Mono<List<AreaDay>> areaDays(DatabaseClient db, UUID visit) {
        return rota.repository()
                .publishedAreaDayOfVisit(db, visit)
                .map(List::of)
                .defaultIfEmpty(List.of());
    }

    Mono<RotaResults.ReportOverrunResult> reportOverrun(ReportOverrunInput input) {
        InvalidInput invalid = input.minutes() < 1 || input.minutes() > 480
                ? InvalidInput.of("minutes", "must be between 1 and 480")
                : limitProblem(input.timeLimitSeconds());
        if (invalid != null) {
            return Mono.just(invalid);
        }
        int limit = limit(input.timeLimitSeconds());
        return rota.organisation().flatMap(organisation -> rota.transactions()
                .write(db -> visitForUpdate(db, input.visitId()).flatMap(visit -> {
                    if (visit.status().equals("CANCELLED") || visit.status().equals("DELIVERED")) {
                        return Mono.just(new Recorded(
                                InvalidInput.of(
                                        "visitId", "a " + visit.status().toLowerCase() + " visit cannot overrun"),
                                List.of()));
                    }
                    if (visit.durationMinutes() + input.minutes() > 1440) {
                        return Mono.just(new Recorded(
                                InvalidInput.of("minutes", "the visit would last more than a day"), List.of()));
                    }
                    // the visit now takes longer: the re-plan keeps it fixed if started, with its later end
                    return db.sql("update visits set duration_minutes = duration_minutes + :minutes,"
                                    + " note = concat_ws(' / ', note, :note), version = version + 1 where id = :id")
                            .bind("id", input.visitId())
                            .bind("minutes", input.minutes())
                            .bind("note", "overrun +" + input.minutes() + " min")
                            .fetch()
                            .rowsUpdated()
                            .then(areaDays(db, input.visitId()))
                            .map(days -> new Recorded(null, days));
                }))
                .flatMap(recorded -> recorded.problem() != null
                        ? Mono.just((RotaResults.ReportOverrunResult) recorded.problem())
                        : replanAll(
                                        organisation,
                                        recorded.days(),
                                        "visit " + input.visitId() + " overruns by " + input.minutes() + " min",
                                        limit)
                                .map(r -> (RotaResults.ReportOverrunResult) r))
                .defaultIfEmpty(RecordNotFound.of("visitId", "Visit", input.visitId())));
    }

    // ---- re-planning ------------------------------------------------------------------------

    private Mono<SameDayReplanned> replanAll(UUID organisation, List<AreaDay> days, String reason, int limit) {
        return Flux.fromIterable(days)
                .take(14)
                .concatMap(day -> replan(organisation, day, reason, limit))
                .collectList()
                .map(SameDayReplanned::new);
    }

    /** Queues a REPLAN job for the area-day, waits for it, publishes it when the organisation says so. */
    Mono<SameDayReplan> replan(UUID organisation, AreaDay day, String reason, int limit) {
        return rota.transactions()
                .write(db -> rota.repository()
                        .publishedPlanId(db, organisation, day.areaId(), day.date())
                        .map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(base -> rota.queue(
                                        db,
                                        organisation,
                                        day.areaId(),
                                        day.date(),
                                        day.date(),
                                        "REPLAN",
                                        base.orElse(null),
                                        abbreviate(reason),
                                        limit)
                                .zipWith(rota.repository().autoPublishSameDay(db, organisation))))
                .doOnNext(t -> rota.wakeWorker())
                .flatMap(t -> awaitFinished(t.getT1().id(), limit).flatMap(job -> {
                    boolean autoPublish = t.getT2();
                    UUID base = job.basePlanId();
                    if (!job.status().equals("COMPLETED") || job.planId() == null) {
                        return Mono.just(new SameDayReplan(day.areaId(), day.date(), job, null, base, false, null));
                    }
                    UUID planId = job.planId();
                    Mono<Boolean> published = autoPublish
                            ? rota.transactions()
                                    .write(db -> rota.repository()
                                            .plan(db, planId)
                                            .flatMap(plan -> rota.publish(db, planId, plan.version())))
                                    .map(result -> result instanceof RotaResults.RotaPublished)
                            : Mono.just(false);
                    return published.flatMap(done -> rota.plan(planId).flatMap(plan -> (base == null
                                    ? Mono.<PlanComparison>empty()
                                    : rota.comparePlans(base, planId))
                            .map(java.util.Optional::of)
                            .defaultIfEmpty(java.util.Optional.empty())
                            .map(diff -> new SameDayReplan(
                                    day.areaId(), day.date(), job, plan, base, done, diff.orElse(null)))));
                }));
    }

    private Mono<SolverJob> awaitFinished(UUID jobId, int limit) {
        return Flux.interval(Duration.ofMillis(250))
                .onBackpressureDrop()
                .concatMap(tick -> rota.solverJob(jobId))
                .filter(SolverJob::finished)
                .next()
                .timeout(Duration.ofSeconds(limit + 90L));
    }

    private @Nullable InvalidInput limitProblem(@Nullable Integer seconds) {
        if (seconds != null && (seconds < 1 || seconds > MAX_SAME_DAY_SECONDS)) {
            return InvalidInput.of("timeLimitSeconds", "must be between 1 and " + MAX_SAME_DAY_SECONDS);
        }
        return null;
    }

    private int limit(@Nullable Integer seconds) {
        return seconds == null ? properties.sameDayTimeLimitSeconds() : seconds;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
