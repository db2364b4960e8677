package org.carerota.api.serviceuser;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.security.AccessNotes;
import org.carerota.api.serviceuser.ServiceUserCommands.CreateServiceUserInput;
import org.carerota.api.serviceuser.ServiceUserCommands.UpdateServiceUserInput;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Writes service users and their carer links. Runs inside the caller's transaction. */
@Repository
class ServiceUserCommandRepository {

    record Current(long version, UUID organisation) {}

    Mono<Boolean> areaExists(DatabaseClient db, UUID area) {
        return db.sql("select exists (select 1 from areas where id = :id and archived_at is null) as present")
                .bind("id", area)
                .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                .one();
    }

    /** Areas the caller may see (not archived) by id or name, case ignored: key -> matching ids. */
    Mono<Map<String, List<UUID>>> areasByIdOrName(DatabaseClient db, Collection<String> keys) {
        return db.sql("select k, a.id from unnest(cast(:keys as text[])) k join areas a on a.archived_at is null"
                        + " and (a.id::text = lower(k) or lower(a.name) = lower(k))")
                .bind("keys", keys.toArray(String[]::new))
                .map(row -> Map.entry(row.get("k", String.class), row.get("id", UUID.class)))
                .all()
                .collect(java.util.stream.Collectors.groupingBy(
                        Map.Entry::getKey,
                        java.util.stream.Collectors.mapping(
                                Map.Entry::getValue, java.util.stream.Collectors.toList())));
    }

    /** Carers the caller may see (not archived) by id or external reference: key -> id. */
    Mono<Map<String, UUID>> carersByIdOrRef(DatabaseClient db, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select distinct on (k) k, c.id from unnest(cast(:keys as text[])) k join carers c"
                        + " on c.archived_at is null and (c.id::text = lower(k) or c.external_ref = k)"
                        + " order by k, (c.organisation_id = nullif(current_setting('carerota.organisation_id', true),"
                        + " '')::uuid) desc")
                .bind("keys", keys.toArray(String[]::new))
                .map(row -> Map.entry(row.get("k", String.class), row.get("id", UUID.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Which of these external references the caller's organisation already uses for a person. */
    Mono<List<String>> existingRefs(DatabaseClient db, Collection<String> refs) {
        if (refs.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select external_ref from service_users where external_ref = any(:refs) and organisation_id ="
                        + " nullif(current_setting('carerota.organisation_id', true), '')::uuid")
                .bind("refs", refs.toArray(String[]::new))
                .map(row -> row.get("external_ref", String.class))
                .all()
                .collectList();
    }

    Mono<List<UUID>> missingCarers(DatabaseClient db, Collection<UUID> ids) {
        return db.sql("select x from unnest(cast(:ids as uuid[])) x where not exists (select 1 from carers c"
                        + " where c.id = x)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("x", UUID.class))
                .all()
                .collectList();
    }

    Mono<Long> insert(
            DatabaseClient db, UUID id, UUID organisation, CreateServiceUserInput in, AccessNotes.Sealed sealed) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into service_users (id, organisation_id, area_id, name,"
                        + " address, postcode, lat, lon, gender, gender_preference, access_notes_ciphertext,"
                        + " access_notes_key_id, external_ref) values (:id, :org, :area, :name, :address, :postcode,"
                        + " :lat, :lon, :gender, :preference, :cipher, :key, :ref)")
                .bind("id", id)
                .bind("org", organisation)
                .bind("area", in.area())
                .bind("name", in.name().trim())
                .bind("lat", in.lat())
                .bind("lon", in.lon());
        spec = bind(spec, "address", in.address(), String.class);
        spec = bind(spec, "postcode", in.postcode(), String.class);
        spec = bind(spec, "gender", in.gender(), String.class);
        spec = bind(spec, "preference", in.genderPreference(), String.class);
        spec = bind(spec, "cipher", sealed.ciphertext(), byte[].class);
        spec = bind(spec, "key", sealed.keyId(), String.class);
        spec = bind(spec, "ref", in.externalRef(), String.class);
        return spec.fetch().rowsUpdated();
    }

    Mono<Current> version(DatabaseClient db, UUID id) {
        return db.sql("select version, organisation_id from service_users where id = :id and organisation_id ="
                        + " nullif(current_setting('carerota.organisation_id', true), '')::uuid for update")
                .bind("id", id)
                .map(row -> new Current(row.get("version", Long.class), row.get("organisation_id", UUID.class)))
                .one();
    }

    Mono<Long> update(DatabaseClient db, UpdateServiceUserInput in, AccessNotes.@Nullable Sealed sealed) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update service_users set name = coalesce(:name, name),"
                        + " area_id = coalesce(:area, area_id), lat = coalesce(:lat, lat), lon = coalesce(:lon, lon),"
                        + " postcode = coalesce(:postcode, postcode), address = coalesce(:address, address),"
                        + " gender_preference = coalesce(:preference, gender_preference),"
                        + " access_notes_ciphertext = case when :notes then :cipher else access_notes_ciphertext end,"
                        + " access_notes_key_id = case when :notes then :key else access_notes_key_id end,"
                        + " version = version + 1 where id = :id")
                .bind("id", in.id())
                .bind("notes", sealed != null);
        spec = bind(spec, "name", in.name() == null ? null : in.name().trim(), String.class);
        spec = bind(spec, "area", in.area(), UUID.class);
        spec = bind(spec, "lat", in.lat(), Double.class);
        spec = bind(spec, "lon", in.lon(), Double.class);
        spec = bind(spec, "postcode", in.postcode(), String.class);
        spec = bind(spec, "address", in.address(), String.class);
        spec = bind(spec, "preference", in.genderPreference(), String.class);
        spec = bind(spec, "cipher", sealed == null ? null : sealed.ciphertext(), byte[].class);
        spec = bind(spec, "key", sealed == null ? null : sealed.keyId(), String.class);
        return spec.fetch().rowsUpdated();
    }

    Mono<Long> archive(DatabaseClient db, UUID id) {
        return db.sql("update service_users set archived_at = coalesce(archived_at, now()), version = version + 1"
                        + " where id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> replaceCarers(
            DatabaseClient db, UUID serviceUser, UUID organisation, List<Map.Entry<UUID, String>> links) {
        Mono<Long> delete = db.sql("delete from service_user_carers where service_user_id = :id")
                .bind("id", serviceUser)
                .fetch()
                .rowsUpdated();
        if (links.isEmpty()) {
            return delete;
        }
        return delete.then(db.sql(
                        "insert into service_user_carers (organisation_id, service_user_id, carer_id, relation)"
                                + " select :org, :id, x.carer, x.relation from unnest(cast(:carers as uuid[]),"
                                + " cast(:relations as text[])) as x(carer, relation) on conflict do nothing")
                .bind("org", organisation)
                .bind("id", serviceUser)
                .bind("carers", links.stream().map(Map.Entry::getKey).toArray(UUID[]::new))
                .bind("relations", links.stream().map(Map.Entry::getValue).toArray(String[]::new))
                .fetch()
                .rowsUpdated());
    }

    private static <T> DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, String name, @Nullable T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
