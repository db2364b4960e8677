package org.carerota.sync.feed;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one carer's change feed. Only the carer's own rows ({@code carer_id = :carer}, and row-level
 * security for a CARER caller), so it works for a carer's own transaction.
 */
public final class FeedReader {

    private FeedReader() {}

    public static Mono<FeedHead> head(DatabaseClient db, UUID carerId) {
        return db.sql("select last_seq, pruned_through_seq from carer_feed_heads where carer_id = :carer")
                .bind("carer", carerId)
                .map((row, meta) -> new FeedHead(
                        nonNull(row.get("last_seq", Long.class)), nonNull(row.get("pruned_through_seq", Long.class))))
                .one()
                .defaultIfEmpty(FeedHead.EMPTY);
    }

    /**
     * The latest row of each VISIT and ACCESS_NOTE entity with {@code cursor < seq <= head}, ordered by
     * that seq, at most {@code limit}. A snapshot keeps only live visits from {@code today} on.
     */
    public static Flux<FeedEntry> latestAfter(
            DatabaseClient db, UUID carerId, long cursor, long head, boolean snapshot, LocalDate today, int limit) {
        return db.sql(
                        """
                        select l.entity_type, l.entity_id, l.op, l.payload::text as payload, l.seq,
                               (select p.op from change_feed p
                                 where p.carer_id = :carer and p.entity_type = l.entity_type
                                   and p.entity_id = l.entity_id and p.seq <= :cursor
                                 order by p.seq desc limit 1) as previous_op
                          from (select distinct on (entity_type, entity_id) entity_type, entity_id, op, payload, seq
                                  from change_feed
                                 where carer_id = :carer and seq > :cursor and seq <= :head
                                   and entity_type in ('VISIT', 'ACCESS_NOTE')
                                 order by entity_type, entity_id, seq desc) l
                         where not :snapshot
                            or (l.op = 'UPSERT' and l.entity_type = 'VISIT'
                                and (l.payload ->> 'serviceDate')::date >= :today)
                         order by l.seq
                         limit :limit""")
                .bind("carer", carerId)
                .bind("cursor", cursor)
                .bind("head", head)
                .bind("snapshot", snapshot)
                .bind("today", today)
                .bind("limit", limit)
                .map((row, meta) -> new FeedEntry(
                        String.valueOf(row.get("entity_type", String.class)),
                        nonNullId(row.get("entity_id", UUID.class)),
                        String.valueOf(row.get("op", String.class)),
                        row.get("payload", String.class),
                        nonNull(row.get("seq", Long.class)),
                        row.get("previous_op", String.class)))
                .all();
    }

    /**
     * The service users of the carer's live (latest row UPSERT), not cancelled visits on one day,
     * from the feed: whose access notes a pull may reveal. Read straight from the payload's JSON in
     * SQL (no payload is parsed in Java; a pull does this on every call).
     */
    public static Flux<UUID> serviceUsersOfLiveVisitsOn(DatabaseClient db, UUID carerId, LocalDate day) {
        return db.sql(
                        """
                        select distinct (l.payload -> 'serviceUser' ->> 'id')::uuid as service_user_id
                          from (select distinct on (entity_id) entity_id, op, payload
                                  from change_feed
                                 where carer_id = :carer and entity_type = 'VISIT'
                                   and entity_id in (select entity_id from change_feed
                                                      where carer_id = :carer and entity_type = 'VISIT'
                                                        and op = 'UPSERT' and payload ->> 'serviceDate' = :day)
                                 order by entity_id, seq desc) l
                         where l.op = 'UPSERT' and l.payload ->> 'serviceDate' = :day
                           and coalesce(l.payload ->> 'status', '') <> 'CANCELLED'
                           and l.payload -> 'serviceUser' ->> 'id' is not null""")
                .bind("carer", carerId)
                .bind("day", day.toString())
                .map((row, meta) -> nonNullId(row.get("service_user_id", UUID.class)))
                .all();
    }

    /** What the carer's feed says about each visit: latest op, and the owner from the last upsert. */
    public static Mono<Map<UUID, VisitHistory>> visitHistory(
            DatabaseClient db, UUID carerId, Collection<UUID> visitIds) {
        if (visitIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(
                        """
                        select entity_id,
                               (array_agg(op order by seq desc))[1] as latest_op,
                               (array_agg(payload ->> 'organisationId' order by seq desc)
                                    filter (where op = 'UPSERT'))[1] as organisation_id
                          from change_feed
                         where carer_id = :carer and entity_type = 'VISIT'
                           and entity_id = any(cast(:ids as uuid[]))
                         group by entity_id""")
                .bind("carer", carerId)
                .bind("ids", visitIds.stream().map(UUID::toString).toArray(String[]::new))
                .map((row, meta) -> {
                    String organisation = row.get("organisation_id", String.class);
                    return new VisitHistory(
                            nonNullId(row.get("entity_id", UUID.class)),
                            "UPSERT".equals(row.get("latest_op", String.class)),
                            organisation == null ? null : UUID.fromString(organisation));
                })
                .all()
                .collectMap(VisitHistory::visitId, h -> h, HashMap::new)
                .map(Map::copyOf);
    }

    /**
     * A visit in a carer's feed.
     *
     * @param live the latest row is an UPSERT: the carer holds the visit now
     * @param organisationId the visit's owner from the last UPSERT (null: never assigned by the feed)
     */
    public record VisitHistory(UUID visitId, boolean live, @Nullable UUID organisationId) {

        public boolean everAssigned() {
            return organisationId != null;
        }
    }

    static long nonNull(@Nullable Long value) {
        return value == null ? 0 : value;
    }

    static UUID nonNullId(@Nullable UUID value) {
        if (value == null) {
            throw new IllegalStateException("null id in change_feed");
        }
        return value;
    }
}
