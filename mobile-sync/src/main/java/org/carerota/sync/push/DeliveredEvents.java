package org.carerota.sync.push;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * What delivered events mean for planning: visits to pin to the carer who delivered them. Run by
 * staff (a coordinator's re-plan), not by a carer.
 */
public final class DeliveredEvents {

    private static final String PINS =
            """
            select e.visit_id, e.carer_id, min(e.device_time) as first_event_at,
                   bool_or('REASSIGNED_WHILE_OFFLINE' = any(e.flags)) as reassigned
              from visit_events e
             where e.kind in ('CHECK_IN', 'CHECK_OUT', 'TASK_DONE', 'TASK_NOT_DONE') and\s""";

    private DeliveredEvents() {}

    public static Mono<List<PinnedVisit>> pinsForVisits(DatabaseClient db, Collection<UUID> visitIds) {
        if (visitIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql(PINS + "e.visit_id = any(cast(:ids as uuid[])) group by e.visit_id, e.carer_id"
                        + " order by e.visit_id, first_event_at")
                .bind("ids", visitIds.stream().map(UUID::toString).distinct().toArray(String[]::new))
                .map((row, meta) -> pin(row))
                .all()
                .collectList();
    }

    public static Mono<List<PinnedVisit>> pinsForArea(DatabaseClient db, UUID areaId, LocalDate from, LocalDate to) {
        return db.sql(PINS
                        + "e.visit_id in (select v.id from visits v where v.area_id = :area"
                        + " and v.service_date between :from and :to)"
                        + " group by e.visit_id, e.carer_id order by e.visit_id, first_event_at")
                .bind("area", areaId)
                .bind("from", from)
                .bind("to", to)
                .map((row, meta) -> pin(row))
                .all()
                .collectList();
    }

    /** Accepted events with flags, received since {@code since}, newest first (coordinator's read). */
    public static Mono<List<FlaggedEvent>> flaggedSince(DatabaseClient db, java.time.Instant since, int limit) {
        return db.sql(
                        """
                        select id, visit_id, carer_id, kind, device_time, received_at, flags
                          from visit_events
                         where flags <> '{}' and received_at >= :since
                         order by received_at desc, id
                         limit :limit""")
                .bind("since", since)
                .bind("limit", limit)
                .map((row, meta) -> new FlaggedEvent(
                        java.util.Objects.requireNonNull(row.get("id", UUID.class)),
                        java.util.Objects.requireNonNull(row.get("visit_id", UUID.class)),
                        java.util.Objects.requireNonNull(row.get("carer_id", UUID.class)),
                        String.valueOf(row.get("kind", String.class)),
                        java.util.Objects.requireNonNull(row.get("device_time", OffsetDateTime.class))
                                .toInstant(),
                        java.util.Objects.requireNonNull(row.get("received_at", OffsetDateTime.class))
                                .toInstant(),
                        List.of(java.util.Objects.requireNonNull(row.get("flags", String[].class)))))
                .all()
                .collectList();
    }

    private static PinnedVisit pin(io.r2dbc.spi.Row row) {
        OffsetDateTime first = row.get("first_event_at", OffsetDateTime.class);
        Boolean reassigned = row.get("reassigned", Boolean.class);
        return new PinnedVisit(
                java.util.Objects.requireNonNull(row.get("visit_id", UUID.class)),
                java.util.Objects.requireNonNull(row.get("carer_id", UUID.class)),
                java.util.Objects.requireNonNull(first).toInstant(),
                Boolean.TRUE.equals(reassigned));
    }
}
