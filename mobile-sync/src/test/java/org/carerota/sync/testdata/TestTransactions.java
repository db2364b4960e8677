package org.carerota.sync.testdata;

import java.util.UUID;
import java.util.function.Function;

import org.carerota.sync.SyncTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

/**
 * {@link SyncTransactions} as the api implements it: a TransactionalOperator over a connection
 * factory, optionally setting the row-level security settings first in every transaction.
 */
public final class TestTransactions implements SyncTransactions {

    /** The caller as row-level security sees it. */
    public record Caller(String role, @Nullable UUID organisationId, @Nullable UUID carerId) {

        public static Caller carer(UUID organisationId, UUID carerId) {
            return new Caller("CARER", organisationId, carerId);
        }

        public static Caller coordinator(UUID organisationId) {
            return new Caller("COORDINATOR", organisationId, null);
        }

        public static Caller system() {
            return new Caller("SYSTEM", null, null);
        }
    }

    private final DatabaseClient db;
    private final TransactionalOperator reads;
    private final TransactionalOperator writes;
    private final @Nullable Caller caller;

    private TestTransactions(ConnectionFactory factory, @Nullable Caller caller) {
        R2dbcTransactionManager manager = new R2dbcTransactionManager(factory);
        manager.setEnforceReadOnly(true);
        DefaultTransactionDefinition read = new DefaultTransactionDefinition();
        read.setReadOnly(true);
        read.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.reads = TransactionalOperator.create(manager, read);
        this.writes = TransactionalOperator.create(manager, new DefaultTransactionDefinition());
        this.db = DatabaseClient.create(factory);
        this.caller = caller;
    }

    /** As the schema owner: no row-level security. */
    public static TestTransactions asOwner(SyncDatabase database) {
        return new TestTransactions(database.ownerConnections(), null);
    }

    /** As carerota_app with the caller's settings: row-level security applies. */
    public static TestTransactions as(SyncDatabase database, Caller caller) {
        return new TestTransactions(database.appConnections(), caller);
    }

    @Override
    public <T> Mono<T> read(Function<DatabaseClient, Mono<T>> work) {
        return reads.transactional(Mono.defer(() -> settings().then(Mono.defer(() -> work.apply(db)))));
    }

    @Override
    public <T> Mono<T> write(Function<DatabaseClient, Mono<T>> work) {
        return writes.transactional(Mono.defer(() -> settings().then(Mono.defer(() -> work.apply(db)))));
    }

    private Mono<Void> settings() {
        if (caller == null) {
            return Mono.empty();
        }
        return db.sql("select set_config('carerota.role', :role, true), set_config('carerota.organisation_id', :org,"
                        + " true), set_config('carerota.carer_id', :carer, true), set_config('carerota.user', :user,"
                        + " true)")
                .bind("role", caller.role())
                .bind(
                        "org",
                        caller.organisationId() == null
                                ? ""
                                : caller.organisationId().toString())
                .bind("carer", caller.carerId() == null ? "" : caller.carerId().toString())
                .bind("user", "test-" + caller.role().toLowerCase(java.util.Locale.ROOT))
                .fetch()
                .rowsUpdated()
                .then();
    }
}
