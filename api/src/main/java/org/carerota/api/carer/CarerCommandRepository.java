package org.carerota.api.carer;

import java.util.List;
import java.util.UUID;

import org.carerota.api.carer.CarerCommands.CarerSkillInput;
import org.carerota.api.carer.CarerCommands.CreateCarerInput;
import org.carerota.api.carer.CarerCommands.UpdateCarerInput;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Writes carers, their skills and shifts. Runs inside the caller's transaction. */
@Repository
class CarerCommandRepository {

    /** The organisation of a pool the caller may write to (own pools only: row-level security). */
    Mono<UUID> poolOrganisation(DatabaseClient db, UUID pool) {
        return db.sql("select organisation_id from staff_pools where id = :id and archived_at is null"
                        + " and organisation_id = nullif(current_setting('carerota.organisation_id', true), '')::uuid")
                .bind("id", pool)
                .map(row -> row.get("organisation_id", UUID.class))
                .one();
    }

    /** A pool of the caller's organisation. */
    record PoolRef(UUID id, UUID organisation) {}

    /** The caller's pool with this id (a UUID) or name. */
    Mono<PoolRef> poolByIdOrName(DatabaseClient db, String pool) {
        UUID id = null;
        try {
            id = UUID.fromString(pool);
        } catch (IllegalArgumentException e) {
            // a name
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("select id, organisation_id from staff_pools where"
                + " archived_at is null and organisation_id ="
                + " nullif(current_setting('carerota.organisation_id', true), '')::uuid and "
                + (id == null ? "lower(name) = lower(:pool)" : "id = :pool") + " limit 1");
        spec = id == null ? spec.bind("pool", pool) : spec.bind("pool", id);
        return spec.map(row -> new PoolRef(row.get("id", UUID.class), row.get("organisation_id", UUID.class)))
                .one();
    }

    /** Which of these external references the caller's organisation already uses for a carer. */
    Mono<List<String>> existingRefs(DatabaseClient db, java.util.Collection<String> refs) {
        if (refs.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select external_ref from carers where external_ref = any(:refs) and organisation_id ="
                        + " nullif(current_setting('carerota.organisation_id', true), '')::uuid")
                .bind("refs", refs.toArray(String[]::new))
                .map(row -> row.get("external_ref", String.class))
                .all()
                .collectList();
    }

    Mono<UUID> insert(DatabaseClient db, UUID organisation, CreateCarerInput in) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into carers (organisation_id, pool_id, name, home_lat,"
                        + " home_lon, home_postcode, travel_mode, gender, contracted_minutes_per_week,"
                        + " max_working_minutes_per_day, pay_model, pay_rate, external_ref) values (:org, :pool, :name,"
                        + " :lat, :lon, :postcode, :mode, :gender, :contracted, :max, :pay, :rate, :ref) returning id")
                .bind("org", organisation)
                .bind("pool", in.pool())
                .bind("name", in.name().trim())
                .bind("lat", in.homeLat())
                .bind("lon", in.homeLon())
                .bind("mode", in.travelMode() == null ? "CAR" : in.travelMode())
                .bind("pay", in.payModel() == null ? "HOURLY" : in.payModel());
        spec = bind(spec, "postcode", in.homePostcode(), String.class);
        spec = bind(spec, "gender", in.gender(), String.class);
        spec = bind(spec, "contracted", in.contractedMinutesPerWeek(), Integer.class);
        spec = bind(spec, "max", in.maxWorkingMinutesPerDay(), Integer.class);
        spec = bind(
                spec,
                "rate",
                in.payRate() == null ? null : java.math.BigDecimal.valueOf(in.payRate()),
                java.math.BigDecimal.class);
        spec = bind(spec, "ref", in.externalRef(), String.class);
        return spec.map(row -> row.get("id", UUID.class)).one();
    }

    Mono<Long> version(DatabaseClient db, UUID id) {
        return db.sql("select version from carers where id = :id and organisation_id ="
                        + " nullif(current_setting('carerota.organisation_id', true), '')::uuid for update")
                .bind("id", id)
                .map(row -> row.get("version", Long.class))
                .one();
    }

    Mono<Long> update(DatabaseClient db, UpdateCarerInput in) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update carers set name = coalesce(:name, name),"
                        + " home_lat = coalesce(:lat, home_lat), home_lon = coalesce(:lon, home_lon),"
                        + " home_postcode = coalesce(:postcode, home_postcode), travel_mode = coalesce(:mode, travel_mode),"
                        + " gender = coalesce(:gender, gender),"
                        + " contracted_minutes_per_week = coalesce(:contracted, contracted_minutes_per_week),"
                        + " max_working_minutes_per_day = coalesce(:max, max_working_minutes_per_day),"
                        + " pay_model = coalesce(:pay, pay_model), pay_rate = coalesce(:rate, pay_rate),"
                        + " version = version + 1 where id = :id and version = :version")
                .bind("id", in.id())
                .bind("version", in.expectedVersion());
        spec = bind(spec, "name", in.name() == null ? null : in.name().trim(), String.class);
        spec = bind(spec, "lat", in.homeLat(), Double.class);
        spec = bind(spec, "lon", in.homeLon(), Double.class);
        spec = bind(spec, "postcode", in.homePostcode(), String.class);
        spec = bind(spec, "mode", in.travelMode(), String.class);
        spec = bind(spec, "gender", in.gender(), String.class);
        spec = bind(spec, "contracted", in.contractedMinutesPerWeek(), Integer.class);
        spec = bind(spec, "max", in.maxWorkingMinutesPerDay(), Integer.class);
        spec = bind(spec, "pay", in.payModel(), String.class);
        spec = bind(
                spec,
                "rate",
                in.payRate() == null ? null : java.math.BigDecimal.valueOf(in.payRate()),
                java.math.BigDecimal.class);
        return spec.fetch().rowsUpdated();
    }

    Mono<Long> archive(DatabaseClient db, UUID id, long version) {
        return db.sql("update carers set archived_at = coalesce(archived_at, now()), version = version + 1"
                        + " where id = :id and version = :version")
                .bind("id", id)
                .bind("version", version)
                .fetch()
                .rowsUpdated();
    }

    /** Unknown skill codes among {@code skills}. */
    Mono<List<String>> unknownSkills(DatabaseClient db, List<CarerSkillInput> skills) {
        if (skills.isEmpty()) {
            return Mono.just(List.of());
        }
        String[] codes = skills.stream().map(CarerSkillInput::code).distinct().toArray(String[]::new);
        return db.sql("select c from unnest(cast(:codes as text[])) c where not exists"
                        + " (select 1 from skills s where s.code = c and s.archived_at is null)")
                .bind("codes", codes)
                .map(row -> row.get("c", String.class))
                .all()
                .collectList();
    }

    /** Replaces the carer's skills. */
    Mono<Long> replaceSkills(DatabaseClient db, UUID carer, UUID organisation, List<CarerSkillInput> skills) {
        Mono<Long> delete = db.sql("delete from carer_skills where carer_id = :carer")
                .bind("carer", carer)
                .fetch()
                .rowsUpdated();
        if (skills.isEmpty()) {
            return delete;
        }
        return delete.then(db.sql("insert into carer_skills (organisation_id, carer_id, skill_id, valid_until)"
                        + " select :org, :carer, s.id, cast(nullif(x.until, '') as date) from unnest(cast(:codes as text[]),"
                        + " cast(:untils as text[])) as x(code, until) join skills s on s.code = x.code"
                        + " on conflict (carer_id, skill_id) do update set valid_until = excluded.valid_until")
                .bind("org", organisation)
                .bind("carer", carer)
                .bind("codes", skills.stream().map(CarerSkillInput::code).toArray(String[]::new))
                .bind(
                        "untils",
                        skills.stream()
                                .map(s -> s.validUntil() == null
                                        ? ""
                                        : s.validUntil().toString())
                                .toArray(String[]::new))
                .fetch()
                .rowsUpdated());
    }

    Mono<UUID> insertShift(
            DatabaseClient db,
            UUID carer,
            UUID organisation,
            java.time.OffsetDateTime start,
            java.time.OffsetDateTime end) {
        return db.sql("insert into shifts (organisation_id, carer_id, starts_at, ends_at) values (:org, :carer,"
                        + " :start, :end) returning id")
                .bind("org", organisation)
                .bind("carer", carer)
                .bind("start", start)
                .bind("end", end)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    /** A shift or absence of the caller's own organisation: its carer, start and version. */
    record CarerTime(UUID carerId, java.time.OffsetDateTime startsAt, long version) {}

    /** Reads and locks a row of {@code shifts} or {@code absences} of the caller's organisation. */
    Mono<CarerTime> carerTime(DatabaseClient db, String table, UUID id) {
        return db.sql("select carer_id, starts_at, version from " + table(table)
                        + " where id = :id and organisation_id ="
                        + " nullif(current_setting('carerota.organisation_id', true), '')::uuid for update")
                .bind("id", id)
                .map(row -> new CarerTime(
                        row.get("carer_id", UUID.class),
                        row.get("starts_at", java.time.OffsetDateTime.class),
                        row.get("version", Long.class)))
                .one();
    }

    Mono<Long> deleteCarerTime(DatabaseClient db, String table, UUID id, long version) {
        return db.sql("delete from " + table(table) + " where id = :id and version = :version")
                .bind("id", id)
                .bind("version", version)
                .fetch()
                .rowsUpdated();
    }

    private static String table(String table) {
        if (!table.equals("shifts") && !table.equals("absences")) {
            throw new IllegalStateException("not a carer time table: " + table);
        }
        return table;
    }

    Mono<UUID> ownCarerOrganisation(DatabaseClient db, UUID carer) {
        return db.sql("select organisation_id from carers where id = :id and archived_at is null and organisation_id ="
                        + " nullif(current_setting('carerota.organisation_id', true), '')::uuid")
                .bind("id", carer)
                .map(row -> row.get("organisation_id", UUID.class))
                .one();
    }

    private static <T> DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, String name, @Nullable T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
