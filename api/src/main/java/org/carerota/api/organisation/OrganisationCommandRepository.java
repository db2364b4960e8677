package org.carerota.api.organisation;

import java.math.BigDecimal;
import java.util.UUID;

import org.carerota.api.organisation.OrganisationCommands.CreateAreaInput;
import org.carerota.api.organisation.OrganisationCommands.CreatePoolInput;
import org.carerota.api.organisation.OrganisationCommands.CreateSharingAgreementInput;
import org.carerota.api.organisation.OrganisationCommands.UpdateOrganisationSettingsInput;
import org.carerota.api.organisation.OrganisationCommands.UpdatePoolInput;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Writes skills, areas, pools, agreements and organisation settings. Runs inside the caller's transaction. */
@Repository
class OrganisationCommandRepository {

    private static final String ME = "nullif(current_setting('carerota.organisation_id', true), '')::uuid";

    Mono<Boolean> exists(DatabaseClient db, String sql, UUID id) {
        return db.sql("select exists (" + sql + ") as present")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                .one();
    }

    Mono<Boolean> skillCodeTaken(DatabaseClient db, String code) {
        return db.sql("select exists (select 1 from skills where code = :code) as present")
                .bind("code", code)
                .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                .one();
    }

    Mono<Long> insertSkill(DatabaseClient db, String code, String name, String category) {
        return db.sql("insert into skills (code, name, category) values (:code, :name, :category)")
                .bind("code", code)
                .bind("name", name)
                .bind("category", category)
                .fetch()
                .rowsUpdated();
    }

    Mono<UUID> insertArea(DatabaseClient db, CreateAreaInput in) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(
                        "insert into areas (organisation_id, parent_id, kind, name, code)" + " values (" + ME
                                + ", :parent, :kind, :name, :code) returning id")
                .bind("kind", in.kind())
                .bind("name", in.name().trim());
        spec = in.parent() == null ? spec.bindNull("parent", UUID.class) : spec.bind("parent", in.parent());
        spec = in.code() == null ? spec.bindNull("code", String.class) : spec.bind("code", in.code());
        return spec.map(row -> row.get("id", UUID.class)).one();
    }

    Mono<UUID> insertPool(DatabaseClient db, CreatePoolInput in) {
        return db.sql("insert into staff_pools (organisation_id, name, sector, cost_per_hour, serves_all_commissioners)"
                        + " values (" + ME + ", :name, :sector, :cost, :all) returning id")
                .bind("name", in.name().trim())
                .bind("sector", in.sector())
                .bind("cost", BigDecimal.valueOf(in.costPerHour() == null ? 0 : in.costPerHour()))
                .bind("all", Boolean.TRUE.equals(in.servesAllCommissioners()))
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    Mono<Long> poolVersion(DatabaseClient db, UUID id) {
        return db.sql("select version from staff_pools where id = :id and organisation_id = " + ME + " for update")
                .bind("id", id)
                .map(row -> row.get("version", Long.class))
                .one();
    }

    Mono<Long> updatePool(DatabaseClient db, UpdatePoolInput in) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update staff_pools set name = coalesce(:name, name),"
                        + " cost_per_hour = coalesce(:cost, cost_per_hour),"
                        + " serves_all_commissioners = coalesce(:all, serves_all_commissioners), version = version + 1"
                        + " where id = :id")
                .bind("id", in.id());
        spec = bind(spec, "name", in.name() == null ? null : in.name().trim(), String.class);
        spec = bind(
                spec, "cost", in.costPerHour() == null ? null : BigDecimal.valueOf(in.costPerHour()), BigDecimal.class);
        spec = bind(spec, "all", in.servesAllCommissioners(), Boolean.class);
        return spec.fetch().rowsUpdated();
    }

    Mono<UUID> insertAgreement(DatabaseClient db, CreateSharingAgreementInput in) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into sharing_agreements (organisation_id, pool_id,"
                        + " commissioner_id, valid_from, valid_to, note) values (" + ME + ", :pool, :commissioner,"
                        + " :from, :to, :note) returning id")
                .bind("pool", in.pool())
                .bind("commissioner", in.commissioner())
                .bind("from", in.validFrom());
        spec = bind(spec, "to", in.validTo(), java.time.LocalDate.class);
        spec = bind(spec, "note", in.note(), String.class);
        return spec.map(row -> row.get("id", UUID.class)).one();
    }

    Mono<Long> organisationVersion(DatabaseClient db) {
        return db.sql("select version from organisations where id = " + ME + " for update")
                .map(row -> row.get("version", Long.class))
                .one();
    }

    Mono<OrganisationSettings> updateSettings(DatabaseClient db, UpdateOrganisationSettingsInput in) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update organisations set"
                + " auto_publish_same_day = coalesce(:auto, auto_publish_same_day),"
                + " rest_break_after_minutes = coalesce(:after, rest_break_after_minutes),"
                + " rest_break_minutes = coalesce(:rest, rest_break_minutes),"
                + " minimum_hourly_wage = coalesce(:wage, minimum_hourly_wage), version = version + 1"
                + " where id = " + ME + " returning id, minimum_hourly_wage, auto_publish_same_day,"
                + " rest_break_after_minutes, rest_break_minutes, version");
        spec = bind(spec, "auto", in.autoPublishSameDay(), Boolean.class);
        spec = bind(spec, "after", in.restBreakAfterMinutes(), Integer.class);
        spec = bind(spec, "rest", in.restBreakMinutes(), Integer.class);
        spec = bind(
                spec,
                "wage",
                in.minimumHourlyWage() == null
                        ? null
                        : BigDecimal.valueOf(in.minimumHourlyWage()).setScale(2, java.math.RoundingMode.HALF_UP),
                BigDecimal.class);
        return spec.map(OrganisationRepository::settings).one();
    }

    // ---- archiving: kept for history, gone from pickers, new uses refused ----------------------

    /** The version of an area of the caller's organisation, locked. */
    Mono<Long> areaVersion(DatabaseClient db, UUID id) {
        return db.sql("select version from areas where id = :id and organisation_id = " + ME + " for update")
                .bind("id", id)
                .map(row -> row.get("version", Long.class))
                .one();
    }

    Mono<Long> archiveArea(DatabaseClient db, UUID id) {
        return db.sql("update areas set archived_at = coalesce(archived_at, now()), version = version + 1"
                        + " where id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    /** Carers of the pool that are not archived. */
    Mono<Long> activeCarersInPool(DatabaseClient db, UUID pool) {
        return db.sql("select count(*) as n from carers where pool_id = :pool and archived_at is null")
                .bind("pool", pool)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    Mono<Long> archivePool(DatabaseClient db, UUID id) {
        return db.sql("update staff_pools set archived_at = coalesce(archived_at, now()), version = version + 1"
                        + " where id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    /** The version of a catalogue skill, locked. */
    Mono<Long> skillVersion(DatabaseClient db, String code) {
        return db.sql("select version from skills where code = :code for update")
                .bind("code", code)
                .map(row -> row.get("version", Long.class))
                .one();
    }

    Mono<Long> archiveSkill(DatabaseClient db, String code) {
        return db.sql("update skills set archived_at = coalesce(archived_at, now()), version = version + 1"
                        + " where code = :code")
                .bind("code", code)
                .fetch()
                .rowsUpdated();
    }

    private static <T> DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, String name, @Nullable T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
