package org.carerota.api.sync;

import java.util.function.Function;

import org.carerota.api.shared.database.Transactions;
import org.carerota.sync.SyncTransactions;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * The sync library's transactions: the api's {@link Transactions}, as the signed-in caller, so
 * every statement runs as {@code carerota_app} under row-level security with the caller's role,
 * organisation and carer id.
 */
final class CallerSyncTransactions implements SyncTransactions {

    private final Transactions transactions;

    CallerSyncTransactions(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> Mono<T> read(Function<DatabaseClient, Mono<T>> work) {
        return transactions.read(work);
    }

    /**
     * Read-write REPEATABLE READ: the access-notes reader records its audit row in the pull's own
     * transaction (one connection, one commit; see mobile-sync/README.md, "Benchmark").
     */
    @Override
    public <T> Mono<T> pull(Function<DatabaseClient, Mono<T>> work) {
        return transactions.readAndRecord(work);
    }

    @Override
    public <T> Mono<T> write(Function<DatabaseClient, Mono<T>> work) {
        return transactions.write(work);
    }
}
