package org.carerota.sync.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.carerota.sync.protocol.CoWorker;
import org.carerota.sync.protocol.ServiceUserDetails;
import org.carerota.sync.protocol.Task;
import org.carerota.sync.protocol.VisitPayload;
import org.carerota.sync.shared.SyncJson;
import org.carerota.sync.shared.SyncSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.spi.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appends carers' change-feed rows for published changes, in the caller's transaction (the api's
 * {@code publishRota}, re-planning, or an edit of a visit or a client). Run it as staff (COORDINATOR,
 * ADMIN) or SYSTEM: it reads every carer's published assignments in scope.
 *
 * <p>Each call reconciles: it computes what each affected carer should hold (the currently published
 * assignments in scope: {@code published_plan_days -> plans -> assignments}, with visit, client and
 * co-worker details) and compares it with what the carer's feed already says (the latest row per
 * visit). It appends an {@code UPSERT} for a visit added, moved or changed, a {@code DELETE} tombstone
 * for a visit that is no longer the carer's, and an {@code ACCESS_NOTE} tombstone when a visit of
 * today is taken away. The previous published state is therefore the feed itself, and calling it
 * twice with the same plan appends nothing the second time.
 */
public final class ChangeFeedWriter {

    private static final String DESIRED =
            """
            select a.carer_id, c.organisation_id as carer_organisation_id, a.visit_id, a.plan_id, p.revision,
                   a.slot_index::int as slot_index, a.position, a.service_date, a.arrival_at, a.start_at, a.end_at,
                   a.travel_minutes_before::float8 as travel_minutes_before,
                   v.organisation_id, d.area_id, v.window_start, v.window_end, v.preferred_start,
                   v.duration_minutes, v.carers_required::int as carers_required, v.priority, v.status, v.tasks::text as tasks, v.note,
                   su.id as service_user_id, su.name as service_user_name, su.address, su.postcode, su.lat, su.lon,
                   (select coalesce(jsonb_agg(jsonb_build_object('carerId', c2.id, 'name', c2.name,
                                                                 'slotIndex', a2.slot_index)
                                              order by a2.slot_index), '[]'::jsonb)
                      from assignments a2 join carers c2 on c2.id = a2.carer_id
                     where a2.plan_id = a.plan_id and a2.visit_id = a.visit_id
                       and a2.carer_id <> a.carer_id)::text as co_workers
              from assignments a
                   join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date
                   join plans p on p.id = a.plan_id
                   join carers c on c.id = a.carer_id
                   join visits v on v.id = a.visit_id
                   join service_users su on su.id = v.service_user_id
             where\s""";

    private static final String LIVE =
            """
            select l.carer_id, l.organisation_id, l.payload::text as payload
              from (select distinct on (carer_id, entity_id) carer_id, organisation_id, entity_id, op, payload
                      from change_feed
                     where entity_type = 'VISIT' and entity_id in (%s)
                     order by carer_id, entity_id, seq desc) l
             where l.op = 'UPSERT'""";

    private final Clock clock;
    private final SyncSettings settings;

    public ChangeFeedWriter(Clock clock, SyncSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * After the api made {@code planId} the published plan of some days (upserted its
     * published_plan_days rows), in the same transaction: brings every affected carer's feed in line
     * with the days the plan now owns. Idempotent.
     */
    public Mono<FeedWriteSummary> publishPlan(DatabaseClient db, UUID planId) {
        return db.sql("select area_id, service_date from published_plan_days where plan_id = :plan")
                .bind("plan", planId)
                .map((row, meta) -> Map.entry(
                        requireId(row.get("area_id", UUID.class)),
                        requireDate(row.get("service_date", LocalDate.class))))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMapMany(byArea -> Flux.fromIterable(byArea.entrySet()))
                .concatMap(area -> publishAreaDays(db, area.getKey(), area.getValue()))
                .reduce(FeedWriteSummary.empty(), FeedWriteSummary::plus);
    }

    /**
     * Brings the feeds in line with whatever plan is published for {@code areaId} on {@code days}
     * (also when a day lost its published plan: its carers get tombstones). Idempotent.
     */
    public Mono<FeedWriteSummary> publishAreaDays(DatabaseClient db, UUID areaId, Collection<LocalDate> days) {
        if (days.isEmpty()) {
            return Mono.just(FeedWriteSummary.empty());
        }
        Set<String> dayTexts = new HashSet<>();
        days.forEach(day -> dayTexts.add(day.toString()));
        String[] dayArray = dayTexts.toArray(String[]::new);
        Mono<List<Desired>> desired =
                desired(db, "d.area_id = :area and a.service_date = any(cast(:days as date[]))", spec -> spec.bind(
                                "area", areaId)
                        .bind("days", dayArray));
        Mono<List<Live>> live = live(
                db,
                "select entity_id from change_feed where entity_type = 'VISIT' and op = 'UPSERT'"
                        + " and payload ->> 'areaId' = :area and payload ->> 'serviceDate' = any(:days)",
                spec -> spec.bind("area", areaId.toString()).bind("days", dayArray),
                payload -> payload.areaId().equals(areaId)
                        && dayTexts.contains(payload.serviceDate().toString()));
        Mono<Map<LocalDate, PlanRef>> plans = db.sql(
                        "select d.service_date, d.plan_id, p.revision from published_plan_days d"
                                + " join plans p on p.id = d.plan_id"
                                + " where d.area_id = :area and d.service_date = any(cast(:days as date[]))")
                .bind("area", areaId)
                .bind("days", dayArray)
                .map((row, meta) -> Map.entry(
                        requireDate(row.get("service_date", LocalDate.class)),
                        new PlanRef(requireId(row.get("plan_id", UUID.class)), row.get("revision", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return plans.flatMap(planOfDay -> reconcile(db, desired, live, planOfDay));
    }

    /**
     * A visit's details changed (time, tasks, note, status...) or it was assigned differently outside a
     * publish: re-emits it for the carers it is published to and tombstones it for carers who hold it
     * but no longer have it. Idempotent.
     */
    public Mono<FeedWriteSummary> visitsChanged(DatabaseClient db, Collection<UUID> visitIds) {
        if (visitIds.isEmpty()) {
            return Mono.just(FeedWriteSummary.empty());
        }
        String[] ids = visitIds.stream().map(UUID::toString).distinct().toArray(String[]::new);
        Set<UUID> idSet = Set.copyOf(visitIds);
        return reconcile(
                db,
                desired(db, "a.visit_id = any(cast(:ids as uuid[]))", spec -> spec.bind("ids", ids)),
                live(
                        db,
                        "select entity_id from change_feed where entity_type = 'VISIT'"
                                + " and entity_id = any(cast(:ids as uuid[]))",
                        spec -> spec.bind("ids", ids),
                        payload -> idSet.contains(payload.visitId())),
                Map.of());
    }

    /**
     * A client's details changed (name, address, postcode, location): re-emits their visits from
     * today on for the carers assigned. Idempotent.
     */
    public Mono<FeedWriteSummary> serviceUserChanged(DatabaseClient db, UUID serviceUserId) {
        LocalDate today = today();
        return reconcile(
                db,
                desired(db, "v.service_user_id = :su and a.service_date >= :today", spec -> spec.bind(
                                "su", serviceUserId)
                        .bind("today", today)),
                live(
                        db,
                        "select entity_id from change_feed where entity_type = 'VISIT' and op = 'UPSERT'"
                                + " and payload -> 'serviceUser' ->> 'id' = :su",
                        spec -> spec.bind("su", serviceUserId.toString()),
                        payload -> payload.serviceUser().id().equals(serviceUserId)
                                && !payload.serviceDate().isBefore(today)),
                Map.of());
    }

    // ---------------------------------------------------------------------------------------------

    private record Desired(UUID carerId, UUID carerOrganisationId, VisitPayload payload) {}

    private record Live(UUID carerId, UUID carerOrganisationId, VisitPayload payload) {}

    private record Key(UUID carerId, UUID visitId) {}

    private Mono<List<Desired>> desired(
            DatabaseClient db,
            String where,
            java.util.function.UnaryOperator<DatabaseClient.GenericExecuteSpec> binder) {
        return binder.apply(db.sql(DESIRED + where))
                .map((row, meta) -> toDesired(row))
                .all()
                .collectList();
    }

    private Mono<List<Live>> live(
            DatabaseClient db,
            String candidates,
            java.util.function.UnaryOperator<DatabaseClient.GenericExecuteSpec> binder,
            Predicate<VisitPayload> inScope) {
        return binder.apply(db.sql(LIVE.formatted(candidates)))
                .map((row, meta) -> new Live(
                        requireId(row.get("carer_id", UUID.class)),
                        requireId(row.get("organisation_id", UUID.class)),
                        SyncJson.read(String.valueOf(row.get("payload", String.class)), VisitPayload.class)))
                .all()
                .filter(live -> inScope.test(live.payload()))
                .collectList();
    }

    private record PlanRef(UUID planId, @Nullable Integer revision) {}

    private Mono<FeedWriteSummary> reconcile(
            DatabaseClient db,
            Mono<List<Desired>> desiredRows,
            Mono<List<Live>> liveRows,
            Map<LocalDate, PlanRef> planOfDay) {
        return Mono.zip(desiredRows, liveRows).flatMap(both -> {
            Map<Key, Desired> desired = new LinkedHashMap<>();
            both.getT1()
                    .forEach(d -> desired.put(new Key(d.carerId(), d.payload().visitId()), d));
            Map<Key, Live> live = new LinkedHashMap<>();
            both.getT2().forEach(l -> live.put(new Key(l.carerId(), l.payload().visitId()), l));
            LocalDate today = today();

            List<FeedRow> rows = new ArrayList<>();
            desired.forEach((key, d) -> {
                Live held = live.get(key);
                if (held == null
                        || !held.payload().withoutPlan().equals(d.payload().withoutPlan())) {
                    rows.add(FeedRow.upsert(d.carerOrganisationId(), d.carerId(), d.payload()));
                }
            });
            live.forEach((key, held) -> {
                if (!desired.containsKey(key)) {
                    VisitPayload gone = held.payload();
                    rows.add(FeedRow.delete(
                            held.carerOrganisationId(), held.carerId(), gone, planOfDay.get(gone.serviceDate())));
                    boolean stillServesToday = desired.values().stream()
                            .anyMatch(d -> d.carerId().equals(held.carerId())
                                    && d.payload().serviceDate().equals(today)
                                    && d.payload()
                                            .serviceUser()
                                            .id()
                                            .equals(gone.serviceUser().id()));
                    if (gone.serviceDate().equals(today) && !stillServesToday) {
                        rows.add(FeedRow.accessWithdrawn(held.carerOrganisationId(), held.carerId(), gone, today));
                    }
                }
            });
            rows.sort(Comparator.comparing(FeedRow::carerId)
                    .thenComparing(FeedRow::serviceDate)
                    .thenComparing(FeedRow::order));
            return Flux.fromIterable(rows)
                    .concatMap(row -> insert(db, row))
                    .then(Mono.fromSupplier(() -> summarise(rows)));
        });
    }

    private static FeedWriteSummary summarise(List<FeedRow> rows) {
        int upserts = 0;
        int deletes = 0;
        int withdrawn = 0;
        Set<UUID> carers = new HashSet<>();
        for (FeedRow row : rows) {
            carers.add(row.carerId());
            if (row.entityType().equals(FeedEntry.ACCESS_NOTE)) {
                withdrawn++;
            } else if (row.op().equals(FeedEntry.UPSERT)) {
                upserts++;
            } else {
                deletes++;
            }
        }
        return new FeedWriteSummary(upserts, deletes, withdrawn, carers);
    }

    private static Mono<Long> insert(DatabaseClient db, FeedRow row) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(
                        """
                        insert into change_feed (organisation_id, carer_id, seq, entity_type, entity_id, op, payload,
                                                 plan_id, plan_revision)
                        values (:org, :carer, 0, :type, :entity, :op, cast(:payload as jsonb), :plan, :revision)""")
                .bind("org", row.organisationId())
                .bind("carer", row.carerId())
                .bind("type", row.entityType())
                .bind("entity", row.entityId())
                .bind("op", row.op())
                .bind("payload", row.payloadJson());
        spec = row.planId() == null ? spec.bindNull("plan", UUID.class) : spec.bind("plan", row.planId());
        spec = row.planRevision() == null
                ? spec.bindNull("revision", Integer.class)
                : spec.bind("revision", row.planRevision());
        return spec.fetch().rowsUpdated();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.zone());
    }

    private static Desired toDesired(Row row) {
        String tasksJson = row.get("tasks", String.class);
        String coWorkersJson = row.get("co_workers", String.class);
        List<Task> tasks = tasksJson == null ? List.of() : List.of(SyncJson.read(tasksJson, Task[].class));
        List<CoWorker> coWorkers =
                coWorkersJson == null ? List.of() : List.of(SyncJson.read(coWorkersJson, CoWorker[].class));
        VisitPayload payload = new VisitPayload(
                requireId(row.get("visit_id", UUID.class)),
                requireId(row.get("organisation_id", UUID.class)),
                requireId(row.get("area_id", UUID.class)),
                row.get("plan_id", UUID.class),
                row.get("revision", Integer.class),
                requireDate(row.get("service_date", LocalDate.class)),
                intOf(row.get("slot_index", Integer.class)),
                intOf(row.get("position", Integer.class)),
                instant(row.get("window_start", OffsetDateTime.class)),
                instant(row.get("window_end", OffsetDateTime.class)),
                nullableInstant(row.get("preferred_start", OffsetDateTime.class)),
                instant(row.get("arrival_at", OffsetDateTime.class)),
                instant(row.get("start_at", OffsetDateTime.class)),
                instant(row.get("end_at", OffsetDateTime.class)),
                intOf(row.get("duration_minutes", Integer.class)),
                intOf(row.get("carers_required", Integer.class)),
                String.valueOf(row.get("priority", String.class)),
                String.valueOf(row.get("status", String.class)),
                doubleOf(row.get("travel_minutes_before", Double.class)),
                tasks,
                row.get("note", String.class),
                new ServiceUserDetails(
                        requireId(row.get("service_user_id", UUID.class)),
                        String.valueOf(row.get("service_user_name", String.class)),
                        row.get("address", String.class),
                        row.get("postcode", String.class),
                        doubleOf(row.get("lat", Double.class)),
                        doubleOf(row.get("lon", Double.class))),
                coWorkers);
        return new Desired(
                requireId(row.get("carer_id", UUID.class)),
                requireId(row.get("carer_organisation_id", UUID.class)),
                payload);
    }

    private record FeedRow(
            UUID organisationId,
            UUID carerId,
            String entityType,
            UUID entityId,
            String op,
            String payloadJson,
            @Nullable UUID planId,
            @Nullable Integer planRevision,
            LocalDate serviceDate,
            String order) {

        static FeedRow upsert(UUID organisationId, UUID carerId, VisitPayload payload) {
            return new FeedRow(
                    organisationId,
                    carerId,
                    FeedEntry.VISIT,
                    payload.visitId(),
                    FeedEntry.UPSERT,
                    SyncJson.write(payload),
                    payload.planId(),
                    payload.planRevision(),
                    payload.serviceDate(),
                    "1" + payload.plannedStart());
        }

        static FeedRow delete(UUID organisationId, UUID carerId, VisitPayload gone, @Nullable PlanRef plan) {
            VisitTombstone tombstone = new VisitTombstone(
                    gone.visitId(),
                    gone.serviceDate(),
                    gone.areaId(),
                    gone.serviceUser().id(),
                    VisitTombstone.UNASSIGNED);
            return new FeedRow(
                    organisationId,
                    carerId,
                    FeedEntry.VISIT,
                    gone.visitId(),
                    FeedEntry.DELETE,
                    SyncJson.write(tombstone),
                    plan == null ? null : plan.planId(),
                    plan == null ? null : plan.revision(),
                    gone.serviceDate(),
                    "0" + gone.plannedStart());
        }

        static FeedRow accessWithdrawn(UUID organisationId, UUID carerId, VisitPayload gone, LocalDate today) {
            AccessNoteTombstone tombstone =
                    new AccessNoteTombstone(gone.serviceUser().id(), today, AccessNoteTombstone.ACCESS_WITHDRAWN);
            return new FeedRow(
                    organisationId,
                    carerId,
                    FeedEntry.ACCESS_NOTE,
                    gone.serviceUser().id(),
                    FeedEntry.DELETE,
                    SyncJson.write(tombstone),
                    null,
                    null,
                    gone.serviceDate(),
                    "0" + gone.plannedStart() + "~");
        }
    }

    static UUID requireId(@Nullable UUID id) {
        if (id == null) {
            throw new IllegalStateException("unexpected null id");
        }
        return id;
    }

    static LocalDate requireDate(@Nullable LocalDate date) {
        if (date == null) {
            throw new IllegalStateException("unexpected null date");
        }
        return date;
    }

    private static Instant instant(@Nullable OffsetDateTime value) {
        if (value == null) {
            throw new IllegalStateException("unexpected null instant");
        }
        return value.toInstant();
    }

    private static @Nullable Instant nullableInstant(@Nullable OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static int intOf(@Nullable Number value) {
        return value == null ? 0 : value.intValue();
    }

    private static double doubleOf(@Nullable Number value) {
        return value == null ? 0 : value.doubleValue();
    }
}
