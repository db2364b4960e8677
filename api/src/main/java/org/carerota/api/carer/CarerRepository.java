package org.carerota.api.carer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import org.carerota.api.shared.pagination.Keyset;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;

/** Reads carers and their skills. Runs inside the caller's transaction. */
@Repository
class CarerRepository {

    private static final String CARER = "select c.id, c.name, c.pool_id, c.organisation_id, c.gender, c.travel_mode,"
            + " c.contracted_minutes_per_week, c.pay_model, c.version from carers c";

    /** A page of active carers ordered by (name, id), optionally in a pool or holding a skill today. */
    Flux<Carer> page(DatabaseClient db, Keyset page, @Nullable UUID pool, @Nullable String skill, LocalDate today) {
        StringBuilder sql = new StringBuilder(CARER).append(" where c.archived_at is null");
        if (pool != null) {
            sql.append(" and c.pool_id = :pool");
        }
        if (skill != null) {
            sql.append(" and exists (select 1 from carer_skills cs join skills s on s.id = cs.skill_id"
                    + " where cs.carer_id = c.id and s.code = :skill"
                    + " and (cs.valid_until is null or cs.valid_until >= :today))");
        }
        if (page.after() != null) {
            sql.append(" and (c.name, c.id) ")
                    .append(page.comparison())
                    .append(" (:afterName, cast(:afterId as uuid))");
        }
        sql.append(" order by c.name ")
                .append(page.direction())
                .append(", c.id ")
                .append(page.direction())
                .append(" limit :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", page.fetchSize());
        if (pool != null) {
            spec = spec.bind("pool", pool);
        }
        if (skill != null) {
            spec = spec.bind("skill", skill).bind("today", today);
        }
        if (page.after() != null) {
            spec = spec.bind("afterName", page.key("name")).bind("afterId", page.key("id"));
        }
        return spec.map(CarerRepository::carer).all();
    }

    Flux<Carer> byIds(DatabaseClient db, Collection<UUID> ids) {
        return db.sql(CARER + " where c.id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(CarerRepository::carer)
                .all();
    }

    Flux<CarerSkill> skills(DatabaseClient db, Collection<UUID> carerIds) {
        return db.sql("select cs.carer_id, s.code, s.name, s.category, cs.valid_until from carer_skills cs"
                        + " join skills s on s.id = cs.skill_id where cs.carer_id = any(:ids) order by s.code")
                .bind("ids", carerIds.toArray(UUID[]::new))
                .map(row -> new CarerSkill(
                        row.get("carer_id", UUID.class),
                        row.get("code", String.class),
                        row.get("name", String.class),
                        row.get("category", String.class),
                        row.get("valid_until", LocalDate.class)))
                .all();
    }

    /** Shifts of the carers that overlap [start, end), by start. */
    Flux<Shift> shifts(DatabaseClient db, Collection<UUID> carerIds, OffsetDateTime start, OffsetDateTime end) {
        return db.sql("select id, carer_id, starts_at, ends_at, locked, version from shifts where carer_id = any(:ids)"
                        + " and starts_at < :end and ends_at > :start order by starts_at, id")
                .bind("ids", carerIds.toArray(UUID[]::new))
                .bind("start", start)
                .bind("end", end)
                .map(row -> new Shift(
                        row.get("id", UUID.class),
                        row.get("carer_id", UUID.class),
                        row.get("starts_at", OffsetDateTime.class),
                        row.get("ends_at", OffsetDateTime.class),
                        Boolean.TRUE.equals(row.get("locked", Boolean.class)),
                        row.get("version", Long.class)))
                .all();
    }

    /** Absences of the carers that overlap [start, end), by start. */
    Flux<Absence> absences(DatabaseClient db, Collection<UUID> carerIds, OffsetDateTime start, OffsetDateTime end) {
        return db.sql(
                        "select id, carer_id, starts_at, ends_at, kind, reason, version from absences"
                                + " where carer_id = any(:ids) and starts_at < :end and ends_at > :start order by starts_at, id")
                .bind("ids", carerIds.toArray(UUID[]::new))
                .bind("start", start)
                .bind("end", end)
                .map(row -> new Absence(
                        row.get("id", UUID.class),
                        row.get("carer_id", UUID.class),
                        row.get("starts_at", OffsetDateTime.class),
                        row.get("ends_at", OffsetDateTime.class),
                        row.get("kind", String.class),
                        row.get("reason", String.class),
                        row.get("version", Long.class)))
                .all();
    }

    static Carer carer(Readable row) {
        return new Carer(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("pool_id", UUID.class),
                row.get("organisation_id", UUID.class),
                row.get("gender", String.class),
                row.get("travel_mode", String.class),
                row.get("contracted_minutes_per_week", Integer.class),
                row.get("pay_model", String.class),
                row.get("version", Long.class));
    }
}
