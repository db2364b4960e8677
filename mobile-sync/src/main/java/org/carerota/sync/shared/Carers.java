package org.carerota.sync.shared;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/** Looks up the calling carer inside the caller's transaction. */
public final class Carers {

    private Carers() {}

    /** The carer's organisation; an error if the carer is unknown or not visible to the caller. */
    public static Mono<UUID> organisationOf(DatabaseClient db, UUID carerId) {
        return db.sql("select organisation_id from carers where id = :carer")
                .bind("carer", carerId)
                .map((row, meta) -> row.get("organisation_id", UUID.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "carer " + carerId + " is not visible in this transaction (wrong tenant settings?)")));
    }
}
