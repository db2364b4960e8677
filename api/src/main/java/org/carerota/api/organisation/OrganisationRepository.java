package org.carerota.api.organisation;

import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;

/** Reads organisations, pools, agreements and areas. Runs inside the caller's transaction. */
@Repository
class OrganisationRepository {

    private static final String ORGANISATION = "select id, name, kind from organisations";
    private static final String POOL =
            "select id, name, sector, organisation_id, cost_per_hour, serves_all_commissioners, version from staff_pools";
    private static final String AREA = "select id, name, kind, parent_id, version from areas";

    Flux<Organisation> organisations(DatabaseClient db) {
        return db.sql(ORGANISATION + " where archived_at is null order by name, id")
                .map(OrganisationRepository::organisation)
                .all();
    }

    Flux<Organisation> organisations(DatabaseClient db, Collection<UUID> ids) {
        return db.sql(ORGANISATION + " where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(OrganisationRepository::organisation)
                .all();
    }

    Flux<Pool> pools(DatabaseClient db) {
        return db.sql(POOL + " where archived_at is null order by name, id")
                .map(OrganisationRepository::pool)
                .all();
    }

    Flux<Pool> pools(DatabaseClient db, Collection<UUID> ids) {
        return db.sql(POOL + " where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(OrganisationRepository::pool)
                .all();
    }

    Flux<Pool> poolsOwnedBy(DatabaseClient db, Collection<UUID> organisationIds) {
        return db.sql(POOL + " where organisation_id = any(:ids) and archived_at is null order by name, id")
                .bind("ids", organisationIds.toArray(UUID[]::new))
                .map(OrganisationRepository::pool)
                .all();
    }

    /** (pool id, commissioner) pairs of agreements in force on {@code day}. */
    Flux<PoolCommissioner> commissionersServed(DatabaseClient db, Collection<UUID> poolIds, LocalDate day) {
        return db.sql("select a.pool_id, o.id, o.name, o.kind from sharing_agreements a"
                        + " join organisations o on o.id = a.commissioner_id"
                        + " where a.pool_id = any(:ids) and a.valid_from <= :day"
                        + " and (a.valid_to is null or a.valid_to >= :day) order by o.name")
                .bind("ids", poolIds.toArray(UUID[]::new))
                .bind("day", day)
                .map(row -> new PoolCommissioner(
                        row.get(0, UUID.class),
                        new Organisation(row.get(1, UUID.class), row.get(2, String.class), row.get(3, String.class))))
                .all();
    }

    Flux<Area> areas(DatabaseClient db) {
        return db.sql(AREA + " where archived_at is null order by kind, name, id")
                .map(OrganisationRepository::area)
                .all();
    }

    Flux<Area> areas(DatabaseClient db, Collection<UUID> ids) {
        return db.sql(AREA + " where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(OrganisationRepository::area)
                .all();
    }

    /** The catalogue's skills, by code: those in use, or all of them. */
    Flux<OrganisationCommands.CatalogueSkill> skills(DatabaseClient db, boolean includeArchived) {
        return db.sql("select code, name, category, version, archived_at is not null as archived from skills"
                        + (includeArchived ? "" : " where archived_at is null")
                        + " order by code")
                .map(OrganisationRepository::skill)
                .all();
    }

    Flux<OrganisationCommands.CatalogueSkill> skillsByCode(DatabaseClient db, Collection<String> codes) {
        return db.sql("select code, name, category, version, archived_at is not null as archived from skills"
                        + " where code = any(:codes)")
                .bind("codes", codes.toArray(String[]::new))
                .map(OrganisationRepository::skill)
                .all();
    }

    /** The settings of the caller's own organisation among these ids (row-level security shows others' rows too). */
    Flux<OrganisationSettings> settings(DatabaseClient db, Collection<UUID> ids) {
        return db.sql("select id, minimum_hourly_wage, auto_publish_same_day, rest_break_after_minutes,"
                        + " rest_break_minutes, version from organisations where id = any(:ids)"
                        + " and id = nullif(current_setting('carerota.organisation_id', true), '')::uuid")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(OrganisationRepository::settings)
                .all();
    }

    record PoolCommissioner(UUID poolId, Organisation commissioner) {}

    static OrganisationCommands.CatalogueSkill skill(Readable row) {
        return new OrganisationCommands.CatalogueSkill(
                row.get("code", String.class),
                row.get("name", String.class),
                row.get("category", String.class),
                row.get("version", Long.class),
                Boolean.TRUE.equals(row.get("archived", Boolean.class)));
    }

    static OrganisationSettings settings(Readable row) {
        Number wage = row.get("minimum_hourly_wage", Number.class);
        return new OrganisationSettings(
                row.get("id", UUID.class),
                wage == null ? OrganisationSettings.NATIONAL_LIVING_WAGE : wage.doubleValue(),
                Boolean.TRUE.equals(row.get("auto_publish_same_day", Boolean.class)),
                row.get("rest_break_after_minutes", Integer.class),
                row.get("rest_break_minutes", Integer.class),
                row.get("version", Long.class));
    }

    static Organisation organisation(Readable row) {
        return new Organisation(
                row.get("id", UUID.class), row.get("name", String.class), row.get("kind", String.class));
    }

    static Pool pool(Readable row) {
        Number cost = row.get("cost_per_hour", Number.class);
        return new Pool(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("sector", String.class),
                row.get("organisation_id", UUID.class),
                cost == null ? 0 : cost.doubleValue(),
                Boolean.TRUE.equals(row.get("serves_all_commissioners", Boolean.class)),
                row.get("version", Long.class));
    }

    static Area area(Readable row) {
        return new Area(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("kind", String.class),
                row.get("parent_id", UUID.class),
                row.get("version", Long.class));
    }
}
