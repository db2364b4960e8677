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

    /**
     * Runs a pull in one REPEATABLE READ transaction (one snapshot of the feed). The library only
     * reads in it, but the {@link org.carerota.sync.pull.AccessNotesReader} may record in it that it
     * revealed access notes (an audit row that must commit with the reveal, on the same connection):
     * an implementation whose reader writes must make this transaction read-write. The default is
     * {@link #read(Function)}.
     */
    default <T> Mono<T> pull(Function<DatabaseClient, Mono<T>> work) {
        return read(work);
    }
}
