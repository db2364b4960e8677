package org.carerota.api.shared.database;

import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The only way features reach the database: each unit of work runs in one transaction that first
 * tells PostgreSQL who it acts for (transaction-local settings, read by the row-level security
 * policies), then runs the work on the same connection.
 */
@Component
public class Transactions {

    private final DatabaseClient db;
    private final TransactionalOperator readWrite;
    private final TransactionalOperator readOnly;
    private final TransactionalOperator repeatableReadWrite;
    private final TenantContextProvider tenants;

    Transactions(DatabaseClient db, ReactiveTransactionManager transactionManager, TenantContextProvider tenants) {
        this.db = db;
        this.tenants = tenants;
        this.readWrite = TransactionalOperator.create(transactionManager);
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setReadOnly(true);
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.readOnly = TransactionalOperator.create(transactionManager, definition);
        DefaultTransactionDefinition repeatable = new DefaultTransactionDefinition();
        repeatable.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.repeatableReadWrite = TransactionalOperator.create(transactionManager, repeatable);
    }

    /** Reads in one read-only REPEATABLE READ transaction, as the current caller. */
    public <T> Mono<T> read(Function<DatabaseClient, Mono<T>> work) {
        return tenants.current().flatMap(tenant -> run(readOnly, tenant, work));
    }

    /** Reads many rows in one read-only transaction, as the current caller. */
    public <T> Flux<T> readMany(Function<DatabaseClient, Flux<T>> work) {
        return tenants.current()
                .flatMapMany(tenant ->
                        readOnly.execute(status -> asTenant(tenant).thenMany(Flux.defer(() -> work.apply(db)))));
    }

    /** Writes in one read-write transaction, as the current caller. */
    public <T> Mono<T> write(Function<DatabaseClient, Mono<T>> work) {
        return tenants.current().flatMap(tenant -> run(readWrite, tenant, work));
    }

    /**
     * Reads one snapshot (REPEATABLE READ), as the current caller, in a transaction that may also
     * record what it read (an audit row), so the reads and the record commit together on one
     * connection: for example a sync pull that reveals access notes.
     */
    public <T> Mono<T> readAndRecord(Function<DatabaseClient, Mono<T>> work) {
        return tenants.current().flatMap(tenant -> run(repeatableReadWrite, tenant, work));
    }

    /** Writes as {@code tenant} (the platform's own work, where there is no request). */
    public <T> Mono<T> writeAs(TenantContext tenant, Function<DatabaseClient, Mono<T>> work) {
        return run(readWrite, tenant, work);
    }

    /** Reads as {@code tenant} (the platform's own work, where there is no request). */
    public <T> Mono<T> readAs(TenantContext tenant, Function<DatabaseClient, Mono<T>> work) {
        return run(readOnly, tenant, work);
    }

    private <T> Mono<T> run(
            TransactionalOperator operator, TenantContext tenant, Function<DatabaseClient, Mono<T>> work) {
        return asTenant(tenant).then(Mono.defer(() -> work.apply(db))).as(operator::transactional);
    }

    private Mono<Void> asTenant(TenantContext tenant) {
        return db.sql("select set_config('carerota.user', :user, true), set_config('carerota.role', :role, true),"
                        + " set_config('carerota.organisation_id', :organisation, true),"
                        + " set_config('carerota.carer_id', :carer, true)")
                .bind("user", tenant.user())
                .bind("role", tenant.role())
                .bind(
                        "organisation",
                        tenant.organisationId() == null
                                ? ""
                                : tenant.organisationId().toString())
                .bind("carer", tenant.carerId() == null ? "" : tenant.carerId().toString())
                .then();
    }
}
