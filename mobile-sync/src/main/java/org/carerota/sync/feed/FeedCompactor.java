package org.carerota.sync.feed;

import java.time.LocalDate;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * Keeps the change feed small without ever making a checkpoint unservable, so
 * {@code pruned_through_seq} never has to move and no device is reset. Run as SYSTEM (a nightly
 * job), in its own transaction. It deletes:
 *
 * <ul>
 *   <li>an UPSERT followed by a later UPSERT of the same entity, and a DELETE followed by any later
 *       row (the latest row of every entity, and the last UPSERT before a final DELETE — which the
 *       push needs to recognise a visit re-assigned while offline — stay);
 *   <li>every row of a visit whose latest row is for a day before {@code keepFrom}, and access-note
 *       tombstones before {@code keepFrom} (devices drop past days themselves).
 * </ul>
 *
 * <p>A pull returns the latest row of each entity after its cursor, and that row is never deleted
 * while it matters, so every cursor still gets what it needs.
 */
public final class FeedCompactor {

    private FeedCompactor() {}

    /**
     * @param keepFrom the first service day whose visits are kept (suggested: today minus
     *     {@code SyncSettings.maxEventAge()}, so late events still find their visit)
     * @return the number of rows deleted
     */
    public static Mono<Long> compact(DatabaseClient db, LocalDate keepFrom) {
        return db.sql(
                        """
                        delete from change_feed f
                         where (f.op = 'UPSERT'
                                and exists (select from change_feed g
                                             where g.carer_id = f.carer_id and g.entity_type = f.entity_type
                                               and g.entity_id = f.entity_id and g.seq > f.seq and g.op = 'UPSERT'))
                            or (f.op = 'DELETE'
                                and exists (select from change_feed g
                                             where g.carer_id = f.carer_id and g.entity_type = f.entity_type
                                               and g.entity_id = f.entity_id and g.seq > f.seq))
                            or (f.entity_type = 'ACCESS_NOTE' and (f.payload ->> 'validOn')::date < :keepFrom)
                            or (f.entity_type = 'VISIT'
                                and (select (l.payload ->> 'serviceDate')::date
                                       from change_feed l
                                      where l.carer_id = f.carer_id and l.entity_type = 'VISIT'
                                        and l.entity_id = f.entity_id
                                      order by l.seq desc limit 1) < :keepFrom)""")
                .bind("keepFrom", keepFrom)
                .fetch()
                .rowsUpdated();
    }
}
