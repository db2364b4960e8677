package org.carerota.sync.shared;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * Registers a carer's device on first use. Never fails the transaction: an id that belongs to
 * another carer (invisible under row-level security) is detected after an {@code on conflict do
 * nothing} insert, not by a failing statement.
 */
public final class DeviceRegistry {

    /** What became of the device id. */
    public enum DeviceStatus {
        OWN,
        REVOKED,
        NOT_OWNED
    }

    private DeviceRegistry() {}

    public static Mono<DeviceStatus> register(
            DatabaseClient db,
            UUID deviceId,
            UUID carerId,
            UUID organisationId,
            @Nullable Integer schemaVersion,
            Instant now) {
        DatabaseClient.GenericExecuteSpec insert = db.sql(
                        """
                        insert into devices (id, organisation_id, carer_id, schema_version, last_seen_at)
                        values (:id, :org, :carer, :schema, :now)
                        on conflict (id) do nothing""")
                .bind("id", deviceId)
                .bind("org", organisationId)
                .bind("carer", carerId)
                .bind("now", now);
        insert =
                schemaVersion == null ? insert.bindNull("schema", Integer.class) : insert.bind("schema", schemaVersion);
        return insert.fetch()
                .rowsUpdated()
                .then(db.sql("select carer_id, revoked_at from devices where id = :id")
                        .bind("id", deviceId)
                        .map((row, meta) -> {
                            UUID owner = row.get("carer_id", UUID.class);
                            if (!carerId.equals(owner)) {
                                return DeviceStatus.NOT_OWNED;
                            }
                            return row.get("revoked_at", java.time.OffsetDateTime.class) == null
                                    ? DeviceStatus.OWN
                                    : DeviceStatus.REVOKED;
                        })
                        .one()
                        .defaultIfEmpty(DeviceStatus.NOT_OWNED))
                .flatMap(status -> status != DeviceStatus.OWN
                        ? Mono.just(status)
                        : touch(db, deviceId, carerId, schemaVersion, now).thenReturn(status));
    }

    private static Mono<Long> touch(
            DatabaseClient db, UUID deviceId, UUID carerId, @Nullable Integer schemaVersion, Instant now) {
        DatabaseClient.GenericExecuteSpec update = db.sql(
                        """
                        update devices
                           set last_seen_at = greatest(coalesce(last_seen_at, :now), :now),
                               schema_version = coalesce(:schema, schema_version)
                         where id = :id and carer_id = :carer""")
                .bind("now", now)
                .bind("id", deviceId)
                .bind("carer", carerId);
        update =
                schemaVersion == null ? update.bindNull("schema", Integer.class) : update.bind("schema", schemaVersion);
        return update.fetch().rowsUpdated();
    }
}
