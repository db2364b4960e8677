package org.carerota.sync.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.carerota.sync.feed.FeedReader;
import org.carerota.sync.feed.FeedReader.VisitHistory;
import org.carerota.sync.protocol.Event;
import org.carerota.sync.protocol.EventFlag;
import org.carerota.sync.protocol.EventKind;
import org.carerota.sync.protocol.EventResult;
import org.carerota.sync.protocol.Location;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.protocol.RejectReason;
import org.carerota.sync.protocol.SchemaVersions;
import org.carerota.sync.protocol.VerificationMethod;
import org.carerota.sync.shared.Carers;
import org.carerota.sync.shared.DeviceRegistry;
import org.carerota.sync.shared.DeviceRegistry.DeviceStatus;
import org.carerota.sync.shared.SyncJson;
import org.carerota.sync.shared.SyncSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ingests a batch of events inside one read-write transaction (the caller's). Every event is checked
 * before anything is written, so no statement fails and the batch is applied as a whole: valid events
 * are inserted in one statement ({@code on conflict (id) do nothing returning id}: an id not returned
 * is a DUPLICATE), rejected ones
 * are kept in {@code quarantined_events} as received.
 */
public final class PushHandler {

    private static final int MAX_CODE_CHARS = 64;

    private final Clock clock;
    private final SyncSettings settings;

    public PushHandler(Clock clock, SyncSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    public Mono<PushResponse> push(DatabaseClient db, UUID carerId, PushRequest request) {
        return push(db, carerId, request, Map.of());
    }

    /**
     * As {@link #push(DatabaseClient, UUID, PushRequest)}, where the caller's lenient reader could not
     * read some fields of some events: {@code unreadable} maps an event's index to what was wrong. Such
     * an event is rejected as MALFORMED with that text (after the duplicate check) and quarantined.
     */
    public Mono<PushResponse> push(
            DatabaseClient db, UUID carerId, PushRequest request, Map<Integer, String> unreadable) {
        Instant now = clock.instant();
        if (!SchemaVersions.isSupported(request.schemaVersion())) {
            return Mono.just(PushResponse.upgradeRequired(request.schemaVersion(), now));
        }
        List<Event> all = request.events() == null ? List.of() : request.events();
        List<Event> events = new ArrayList<>();
        for (Event event : all) {
            events.add(event == null ? new Event(null, null, null, null, null, null, null, null, null, null) : event);
        }
        return Carers.organisationOf(db, carerId).flatMap(organisationId -> {
            UUID deviceId = request.deviceId();
            Mono<DeviceStatus> device = deviceId == null
                    ? Mono.just(DeviceStatus.NOT_OWNED)
                    : DeviceRegistry.register(db, deviceId, carerId, organisationId, request.schemaVersion(), now);
            return device.flatMap(status -> {
                Batch batch = new Batch(carerId, organisationId, deviceId, request, now, events, unreadable);
                return batch.run(db, status);
            });
        });
    }

    /** One push: the state of each event as it is checked, then written. */
    private final class Batch {
        private final UUID carerId;
        private final UUID organisationId;
        private final @Nullable UUID deviceId;
        private final PushRequest request;
        private final Instant now;
        private final List<Event> events;
        private final @Nullable EventResult[] results;
        private final List<Accepted> accepted = new ArrayList<>();
        private final List<Quarantine> quarantine = new ArrayList<>();
        private final Map<Integer, String> unreadable;

        Batch(
                UUID carerId,
                UUID organisationId,
                @Nullable UUID deviceId,
                PushRequest request,
                Instant now,
                List<Event> events,
                Map<Integer, String> unreadable) {
            this.unreadable = unreadable;
            this.carerId = carerId;
            this.organisationId = organisationId;
            this.deviceId = deviceId;
            this.request = request;
            this.now = now;
            this.events = events;
            this.results = new EventResult[events.size()];
        }

        Mono<PushResponse> run(DatabaseClient db, DeviceStatus device) {
            int limit = Math.min(events.size(), settings.maxBatchEvents());
            for (int i = limit; i < events.size(); i++) {
                results[i] = EventResult.rejected(
                        events.get(i).id(),
                        RejectReason.BATCH_TOO_LARGE,
                        "at most " + settings.maxBatchEvents() + " events per push: send this one again");
            }
            if (device != DeviceStatus.OWN) {
                RejectReason code = deviceId == null
                        ? RejectReason.MALFORMED
                        : device == DeviceStatus.REVOKED ? RejectReason.DEVICE_REVOKED : RejectReason.DEVICE_NOT_OWNED;
                String text = deviceId == null
                        ? "deviceId is missing"
                        : device == DeviceStatus.REVOKED
                                ? "this device was revoked"
                                : "this device is registered to someone else";
                for (int i = 0; i < limit; i++) {
                    reject(i, code, text);
                }
                return write(db);
            }
            Set<UUID> seen = new HashSet<>();
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                Event event = events.get(i);
                if (event.id() == null) {
                    reject(i, RejectReason.MALFORMED, unreadable.getOrDefault(i, "id is missing"));
                } else if (!seen.add(event.id())) {
                    results[i] = EventResult.duplicate(event.id(), "sent twice in this batch");
                } else {
                    candidates.add(i);
                }
            }
            Set<UUID> ids = new HashSet<>();
            Set<UUID> visitIds = new HashSet<>();
            candidates.forEach(i -> {
                ids.add(Objects.requireNonNull(events.get(i).id()));
                UUID visit = events.get(i).visitId();
                if (visit != null) {
                    visitIds.add(visit);
                }
            });
            return Mono.zip(
                            existing(db, ids),
                            FeedReader.visitHistory(db, carerId, visitIds),
                            published(db, carerId, visitIds))
                    .flatMap(known -> {
                        for (int i : candidates) {
                            check(i, known.getT1(), known.getT2(), known.getT3());
                        }
                        return write(db);
                    });
        }

        private void check(
                int index, Set<UUID> existing, Map<UUID, VisitHistory> history, Map<UUID, VisitFacts> facts) {
            Event event = events.get(index);
            UUID id = Objects.requireNonNull(event.id());
            if (existing.contains(id)) {
                results[index] = EventResult.duplicate(id, null);
                return;
            }
            String unreadableFields = unreadable.get(index);
            if (unreadableFields != null) {
                reject(index, RejectReason.MALFORMED, unreadableFields);
                return;
            }
            var kind = EventKind.parse(event.kind());
            if (event.kind() == null) {
                reject(index, RejectReason.MALFORMED, "kind is missing");
                return;
            }
            if (kind.isEmpty()) {
                reject(index, RejectReason.UNKNOWN_KIND, "unknown kind " + clip(event.kind()));
                return;
            }
            String problem = malformed(event, kind.get());
            if (problem != null) {
                reject(index, RejectReason.MALFORMED, problem);
                return;
            }
            Instant deviceTime = Objects.requireNonNull(event.deviceTime());
            if (deviceTime.isBefore(now.minus(settings.maxEventAge()))
                    || deviceTime.isAfter(now.plus(settings.maxEventAhead()))) {
                reject(
                        index,
                        RejectReason.TIMESTAMP_OUT_OF_RANGE,
                        "deviceTime " + deviceTime + " is too far from the server time " + now);
                return;
            }
            String note = TextSanitiser.tidy(event.note());
            String reason = TextSanitiser.tidy(event.reason());
            if ((note != null && note.length() > settings.maxNoteChars())
                    || (reason != null && reason.length() > settings.maxNoteChars())) {
                reject(
                        index,
                        RejectReason.NOTE_TOO_LONG,
                        "notes and reasons are limited to " + settings.maxNoteChars()
                                + " characters: split it into several notes");
                return;
            }
            UUID visitId = Objects.requireNonNull(event.visitId());
            VisitHistory feed = history.get(visitId);
            VisitFacts visit = facts.get(visitId);
            boolean current = (feed != null && feed.live()) || (visit != null && visit.currentlyAssigned());
            boolean earlier = (feed != null && feed.everAssigned()) || (visit != null && visit.everAssigned());
            UUID owner = visit != null ? visit.organisationId() : feed != null ? feed.organisationId() : null;
            if (owner == null) {
                reject(index, RejectReason.UNKNOWN_VISIT, "no visit " + visitId + " on this carer's rota");
                return;
            }
            if (!current && !earlier) {
                reject(index, RejectReason.NOT_ASSIGNED, "visit " + visitId + " was never published to this carer");
                return;
            }
            List<String> flags = new ArrayList<>();
            if (!current) {
                flags.add(EventFlag.REASSIGNED_WHILE_OFFLINE.name());
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            skew(event, deviceTime, flags, payload);
            accepted.add(new Accepted(
                    index,
                    event,
                    kind.get(),
                    owner,
                    note,
                    reason,
                    TextSanitiser.tidy(event.taskCode()),
                    flags,
                    SyncJson.write(payload)));
        }

        private void skew(Event event, Instant deviceTime, List<String> flags, Map<String, Object> payload) {
            Duration threshold = settings.clockSkewThreshold();
            Long sentElapsed = request.sentElapsedMs();
            Long eventElapsed = event.deviceElapsedMs();
            Instant sentAt = request.sentAt();
            Duration skew = null;
            if (sentElapsed != null && eventElapsed != null && eventElapsed <= sentElapsed) {
                Instant estimated = now.minusMillis(sentElapsed - eventElapsed);
                payload.put("estimatedTime", estimated.toString());
                skew = Duration.between(estimated, deviceTime);
            } else if (sentAt != null) {
                skew = Duration.between(now, sentAt);
            } else if (deviceTime.isAfter(now)) {
                skew = Duration.between(now, deviceTime);
            }
            if (skew != null) {
                payload.put("clockSkewMs", skew.toMillis());
                if (skew.abs().compareTo(threshold) > 0) {
                    flags.add(EventFlag.CLOCK_SKEW.name());
                }
            }
        }

        private @Nullable String malformed(Event event, EventKind kind) {
            if (event.visitId() == null) {
                return "visitId is missing";
            }
            if (event.deviceTime() == null) {
                return "deviceTime is missing";
            }
            if (event.deviceElapsedMs() != null && event.deviceElapsedMs() < 0) {
                return "deviceElapsedMs is negative";
            }
            if (VerificationMethod.parse(event.verificationMethod()).isEmpty()) {
                return "unknown verificationMethod " + clip(String.valueOf(event.verificationMethod()));
            }
            String taskCode = TextSanitiser.tidy(event.taskCode());
            if (kind.needsTaskCode() && taskCode == null) {
                return kind + " needs a taskCode";
            }
            if (taskCode != null && taskCode.length() > MAX_CODE_CHARS) {
                return "taskCode is longer than " + MAX_CODE_CHARS + " characters";
            }
            if (kind.needsReason() && TextSanitiser.tidy(event.reason()) == null) {
                return kind + " needs a reason";
            }
            Location location = event.location();
            if (location != null) {
                Double lat = location.lat();
                Double lon = location.lon();
                if ((lat == null) != (lon == null)) {
                    return "location needs both lat and lon";
                }
                if (lat != null && (!Double.isFinite(lat) || lat < -90 || lat > 90)) {
                    return "location.lat is out of range";
                }
                if (lon != null && (!Double.isFinite(lon) || lon < -180 || lon > 180)) {
                    return "location.lon is out of range";
                }
                Double accuracy = location.accuracyM();
                if (accuracy != null && (!Double.isFinite(accuracy) || accuracy < 0)) {
                    return "location.accuracyM is out of range";
                }
            }
            if (kind == EventKind.NOTE && TextSanitiser.tidy(event.note()) == null) {
                return "a NOTE needs a note";
            }
            return null;
        }

        private void reject(int index, RejectReason code, String text) {
            Event event = events.get(index);
            results[index] = EventResult.rejected(event.id(), code, text);
            quarantine.add(new Quarantine(event, code, text));
        }

        private Mono<PushResponse> write(DatabaseClient db) {
            return insertAll(db)
                    .map(inserted -> {
                        for (Accepted a : accepted) {
                            UUID id = Objects.requireNonNull(a.event().id());
                            results[a.index()] = inserted.contains(id)
                                    ? EventResult.accepted(id, a.flags())
                                    : EventResult.duplicate(id, null);
                        }
                        return inserted;
                    })
                    .thenMany(Flux.fromIterable(quarantine).concatMap(q -> quarantine(db, q)))
                    .then(Mono.fromSupplier(() -> {
                        List<EventResult> list = new ArrayList<>();
                        for (EventResult result : results) {
                            list.add(Objects.requireNonNull(result));
                        }
                        return PushResponse.ok(list, now);
                    }));
        }

        /**
         * Inserts every accepted event in one statement (one round trip per batch, not per event):
         * the columns travel as parallel text arrays, cast back in SQL. Returns the ids inserted; an
         * id not returned was already stored ({@code on conflict (id) do nothing}): a DUPLICATE.
         */
        private Mono<Set<UUID>> insertAll(DatabaseClient db) {
            int n = accepted.size();
            if (n == 0) {
                return Mono.just(Set.of());
            }
            @Nullable String[][] columns = new @Nullable String[15][n];
            for (int i = 0; i < n; i++) {
                Accepted a = accepted.get(i);
                Event e = a.event();
                Location location = e.location();
                columns[0][i] = Objects.requireNonNull(e.id()).toString();
                columns[1][i] = a.organisationId().toString();
                columns[2][i] = Objects.requireNonNull(e.visitId()).toString();
                columns[3][i] = a.kind().name();
                columns[4][i] = Objects.requireNonNull(e.deviceTime()).toString();
                columns[5][i] = text(e.deviceElapsedMs());
                columns[6][i] = location == null ? null : text(location.lat());
                columns[7][i] = location == null ? null : text(location.lon());
                columns[8][i] = location == null ? null : text(location.accuracyM());
                columns[9][i] = VerificationMethod.parse(e.verificationMethod())
                        .orElseThrow()
                        .name();
                columns[10][i] = a.taskCode();
                columns[11][i] = a.reason();
                columns[12][i] = a.note();
                columns[13][i] = a.payloadJson();
                columns[14][i] = String.join(",", a.flags());
            }
            DatabaseClient.GenericExecuteSpec spec = db.sql(
                            """
                            insert into visit_events (id, organisation_id, carer_id, visit_id, device_id, kind,
                                                      device_time, device_elapsed_ms, received_at, lat, lon,
                                                      accuracy_m, verification_method, task_code, reason, note,
                                                      payload, flags)
                            select e.id::uuid, e.org::uuid, :carer, e.visit::uuid, :device, e.kind,
                                   e.device_time::timestamptz, e.elapsed::bigint, :receivedAt,
                                   e.lat::double precision, e.lon::double precision, e.accuracy::double precision,
                                   e.method, e.task_code, e.reason, e.note, e.payload::jsonb,
                                   coalesce(string_to_array(nullif(e.flags, ''), ','), '{}')
                              from unnest(cast(:c0 as text[]), cast(:c1 as text[]), cast(:c2 as text[]),
                                          cast(:c3 as text[]), cast(:c4 as text[]), cast(:c5 as text[]),
                                          cast(:c6 as text[]), cast(:c7 as text[]), cast(:c8 as text[]),
                                          cast(:c9 as text[]), cast(:c10 as text[]), cast(:c11 as text[]),
                                          cast(:c12 as text[]), cast(:c13 as text[]), cast(:c14 as text[]))
                                   as e(id, org, visit, kind, device_time, elapsed, lat, lon, accuracy, method,
                                        task_code, reason, note, payload, flags)
                            on conflict (id) do nothing
                            returning id""")
                    .bind("carer", carerId)
                    .bind("device", Objects.requireNonNull(deviceId))
                    .bind("receivedAt", now);
            for (int c = 0; c < columns.length; c++) {
                spec = spec.bind("c" + c, columns[c]);
            }
            return spec.map((row, meta) -> Objects.requireNonNull(row.get("id", UUID.class)))
                    .all()
                    .collect(HashSet<UUID>::new, Set::add)
                    .map(Set::copyOf);
        }

        private static @Nullable String text(@Nullable Object value) {
            return value == null ? null : value.toString();
        }

        private Mono<Long> quarantine(DatabaseClient db, Quarantine q) {
            Event e = q.event();
            DatabaseClient.GenericExecuteSpec spec = db.sql(
                            """
                            insert into quarantined_events (organisation_id, carer_id, device_id, claimed_event_id,
                                                            claimed_visit_id, raw, reason_code, reason, received_at)
                            select :org, :carer, :device, :eventId, :visitId, cast(:raw as jsonb), :code, :reason,
                                   :receivedAt
                             where cast(:eventId as text) is not null
                                or not exists (select from quarantined_events q
                                                where q.carer_id = :carer and q.claimed_event_id is null
                                                  and q.raw = cast(:raw as jsonb))
                            on conflict do nothing""")
                    .bind("org", organisationId)
                    .bind("carer", carerId)
                    .bind("raw", SyncJson.write(e))
                    .bind("code", q.code().name())
                    .bind("reason", q.reason())
                    .bind("receivedAt", now);
            spec = bindNullable(spec, "device", deviceId, UUID.class);
            spec = bindNullable(spec, "eventId", e.id() == null ? null : e.id().toString(), String.class);
            spec = bindNullable(
                    spec, "visitId", e.visitId() == null ? null : e.visitId().toString(), String.class);
            return spec.fetch().rowsUpdated();
        }
    }

    private record Accepted(
            int index,
            Event event,
            EventKind kind,
            UUID organisationId,
            @Nullable String note,
            @Nullable String reason,
            @Nullable String taskCode,
            List<String> flags,
            String payloadJson) {}

    private record Quarantine(Event event, RejectReason code, String reason) {}

    /** What the base tables say of a visit (as far as the caller may see them). */
    private record VisitFacts(UUID organisationId, boolean currentlyAssigned, boolean everAssigned) {}

    /** Event ids already stored (visible to the caller). */
    private Mono<Set<UUID>> existing(DatabaseClient db, Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql("select id from visit_events where id = any(cast(:ids as uuid[]))")
                .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .map((row, meta) -> Objects.requireNonNull(row.get("id", UUID.class)))
                .all()
                .collect(HashSet<UUID>::new, Set::add)
                .map(Set::copyOf);
    }

    /**
     * Visits the caller can see, whether they are the carer's in the current published rota, and
     * whether they ever were in a published plan. A carer under row-level security sees only the
     * visits currently published to them (and no plans): the feed history covers the rest.
     */
    private Mono<Map<UUID, VisitFacts>> published(DatabaseClient db, UUID carerId, Set<UUID> visitIds) {
        if (visitIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(
                        """
                        select v.id, v.organisation_id,
                               exists (select from assignments a
                                         join published_plan_days d
                                           on d.plan_id = a.plan_id and d.service_date = a.service_date
                                        where a.visit_id = v.id and a.carer_id = :carer) as current_assignment,
                               exists (select from assignments a join plans p on p.id = a.plan_id
                                        where a.visit_id = v.id and a.carer_id = :carer
                                          and p.status in ('PUBLISHED', 'SUPERSEDED')) as earlier_assignment
                          from visits v
                         where v.id = any(cast(:ids as uuid[]))""")
                .bind("carer", carerId)
                .bind("ids", visitIds.stream().map(UUID::toString).toArray(String[]::new))
                .map((row, meta) -> Map.entry(
                        Objects.requireNonNull(row.get("id", UUID.class)),
                        new VisitFacts(
                                Objects.requireNonNull(row.get("organisation_id", UUID.class)),
                                Boolean.TRUE.equals(row.get("current_assignment", Boolean.class)),
                                Boolean.TRUE.equals(row.get("earlier_assignment", Boolean.class)))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    static <T> DatabaseClient.GenericExecuteSpec bindNullable(
            DatabaseClient.GenericExecuteSpec spec, String name, @Nullable T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
