package org.carerota.sync.receipt;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.carerota.sync.feed.FeedReader;
import org.carerota.sync.shared.Carers;
import org.carerota.sync.shared.DeviceRegistry;
import org.carerota.sync.shared.DeviceRegistry.DeviceStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/** Devices say which feed seq (and plan revision) they hold; coordinators see who is behind. */
public final class ReadReceipts {

    private ReadReceipts() {}

    /** Upserts the device's receipt (carer's write transaction); never moves it backwards. */
    public static Mono<Acknowledgement> acknowledge(
            DatabaseClient db, UUID deviceId, UUID carerId, long seq, @Nullable Integer planRevision, Instant now) {
        if (seq < 0) {
            return Mono.just(new Acknowledgement(deviceId, false, 0, "seq must not be negative"));
        }
        return Carers.organisationOf(db, carerId)
                .flatMap(organisationId -> DeviceRegistry.register(db, deviceId, carerId, organisationId, null, now)
                        .flatMap(status -> {
                            if (status != DeviceStatus.OWN) {
                                return Mono.just(new Acknowledgement(
                                        deviceId,
                                        false,
                                        0,
                                        status == DeviceStatus.REVOKED
                                                ? "this device was revoked"
                                                : "this device is registered to someone else"));
                            }
                            return FeedReader.head(db, carerId).flatMap(head -> {
                                if (seq > head.lastSeq()) {
                                    return Mono.just(new Acknowledgement(
                                            deviceId,
                                            false,
                                            0,
                                            "seq " + seq + " is ahead of the carer's feed (" + head.lastSeq() + ")"));
                                }
                                return upsert(db, deviceId, carerId, organisationId, seq, planRevision, now)
                                        .map(stored -> new Acknowledgement(deviceId, true, stored, null));
                            });
                        }));
    }

    private static Mono<Long> upsert(
            DatabaseClient db,
            UUID deviceId,
            UUID carerId,
            UUID organisationId,
            long seq,
            @Nullable Integer planRevision,
            Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(
                        """
                        insert into device_read_receipts as r (organisation_id, carer_id, device_id, acknowledged_seq,
                                                               acknowledged_plan_revision, acknowledged_at)
                        values (:org, :carer, :device, :seq, :revision, :now)
                        on conflict (device_id) do update
                           set acknowledged_seq = greatest(r.acknowledged_seq, excluded.acknowledged_seq),
                               acknowledged_plan_revision = case
                                   when excluded.acknowledged_seq >= r.acknowledged_seq
                                       then coalesce(excluded.acknowledged_plan_revision, r.acknowledged_plan_revision)
                                   else r.acknowledged_plan_revision end,
                               acknowledged_at = excluded.acknowledged_at
                        returning acknowledged_seq""")
                .bind("org", organisationId)
                .bind("carer", carerId)
                .bind("device", deviceId)
                .bind("seq", seq)
                .bind("now", now);
        spec = planRevision == null ? spec.bindNull("revision", Integer.class) : spec.bind("revision", planRevision);
        return spec.map((row, meta) -> Objects.requireNonNull(row.get("acknowledged_seq", Long.class)))
                .one();
    }

    /**
     * Carers with changes from {@code planId} that none of their devices has acknowledged yet
     * (coordinator's read transaction).
     */
    public static Mono<List<UnacknowledgedCarer>> notAcknowledged(DatabaseClient db, UUID planId) {
        return db.sql(
                        """
                        select f.carer_id, c.name, f.required_seq,
                               coalesce(r.acknowledged_seq, 0) as acknowledged_seq, r.acknowledged_at
                          from (select carer_id, max(seq) as required_seq from change_feed
                                 where plan_id = :plan group by carer_id) f
                               join carers c on c.id = f.carer_id
                               left join lateral (select max(acknowledged_seq) as acknowledged_seq,
                                                         max(acknowledged_at) as acknowledged_at
                                                    from device_read_receipts
                                                   where carer_id = f.carer_id) r on true
                         where coalesce(r.acknowledged_seq, 0) < f.required_seq
                         order by c.name, f.carer_id""")
                .bind("plan", planId)
                .map((row, meta) -> {
                    OffsetDateTime at = row.get("acknowledged_at", OffsetDateTime.class);
                    return new UnacknowledgedCarer(
                            Objects.requireNonNull(row.get("carer_id", UUID.class)),
                            String.valueOf(row.get("name", String.class)),
                            Objects.requireNonNull(row.get("required_seq", Long.class)),
                            Objects.requireNonNull(row.get("acknowledged_seq", Long.class)),
                            at == null ? null : at.toInstant());
                })
                .all()
                .collectList();
    }
}
