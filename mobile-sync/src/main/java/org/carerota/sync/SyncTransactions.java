package org.carerota.sync;

import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * How the sync library gets a transaction: implemented by the api, which opens it as the calling
 * user (role {@code carerota_app}, {@code set_config('carerota.role' | 'carerota.organisation_id' |
 * 'carerota.carer_id', ..., true)}), so row-level security applies to everything the library does.
 * The library still filters by carer id itself.
 */
public interface SyncTransactions {

    /** Runs {@code work} in one read-only REPEATABLE READ transaction (a pull sees one snapshot). */
    <T> Mono<T> read(Function<DatabaseClient, Mono<T>> work);

    /** Runs {@code work} in one read-write transaction (a push batch is atomic). */
    <T> Mono<T> write(Function<DatabaseClient, Mono<T>> work);
}
