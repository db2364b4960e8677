package org.carerota.api.serviceuser;

import java.util.Collection;
import java.util.UUID;

import org.carerota.api.shared.pagination.Keyset;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;

/** Reads service users. Runs inside the caller's transaction. */
@Repository
class ServiceUserRepository {

    private static final String SERVICE_USER =
            "select id, organisation_id, name, area_id, postcode, lat, lon, gender_preference, version from service_users";

    Flux<ServiceUser> page(DatabaseClient db, Keyset page, @Nullable UUID area) {
        StringBuilder sql = new StringBuilder(SERVICE_USER).append(" where archived_at is null");
        if (area != null) {
            sql.append(" and area_id = :area");
        }
        if (page.after() != null) {
            sql.append(" and (name, id) ").append(page.comparison()).append(" (:afterName, cast(:afterId as uuid))");
        }
        sql.append(" order by name ")
                .append(page.direction())
                .append(", id ")
                .append(page.direction())
                .append(" limit :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", page.fetchSize());
        if (area != null) {
            spec = spec.bind("area", area);
        }
        if (page.after() != null) {
            spec = spec.bind("afterName", page.key("name")).bind("afterId", page.key("id"));
        }
        return spec.map(ServiceUserRepository::serviceUser).all();
    }

    Flux<ServiceUser> byIds(DatabaseClient db, Collection<UUID> ids) {
        return db.sql(SERVICE_USER + " where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(ServiceUserRepository::serviceUser)
                .all();
    }

    static ServiceUser serviceUser(Readable row) {
        return new ServiceUser(
                row.get("id", UUID.class),
                row.get("organisation_id", UUID.class),
                row.get("name", String.class),
                row.get("area_id", UUID.class),
                row.get("postcode", String.class),
                new ServiceUser.Location(row.get("lat", Double.class), row.get("lon", Double.class)),
                row.get("gender_preference", String.class),
                row.get("version", Long.class));
    }

    /** The carer lists of the people: (person, carer, PREFERRED | BANNED | REGULAR), by person and link. */
    Flux<ServiceUserService.CarerLink> carerLinks(DatabaseClient db, Collection<UUID> ids) {
        return db.sql("select service_user_id, carer_id, relation from service_user_carers"
                        + " where service_user_id = any(:ids) order by service_user_id, id")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> new ServiceUserService.CarerLink(
                        row.get("service_user_id", UUID.class),
                        row.get("carer_id", UUID.class),
                        row.get("relation", String.class)))
                .all();
    }
}
