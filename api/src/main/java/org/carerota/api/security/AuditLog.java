package org.carerota.api.security;

import java.util.Collection;
import java.util.UUID;
import java.util.regex.Pattern;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.TenantContextProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import reactor.core.publisher.Mono;

/**
 * The audit log of personal data: who (user, role, organisation) did what (operation) to which
 * records, when. Rows go to {@code audit_events}, which the application may only insert into and
 * read (an ADMIN reads their own organisation's). The actor is taken from the transaction's own
 * settings, the same ones row-level security checks, so a record always names who really acted.
 *
 * <pre>{@code
 * return serviceUsers.findById(id)
 *         .flatMap(row -> auditLog.record(AuditLog.READ, "service_users", List.of(row.id())).thenReturn(row));
 * }</pre>
 */
@Service
public class AuditLog {

    /** Reading a record. */
    public static final String READ = "READ";
    /** Creating a record. */
    public static final String CREATE = "CREATE";
    /** Changing a record. */
    public static final String UPDATE = "UPDATE";
    /** Archiving or deleting a record. */
    public static final String ARCHIVE = "ARCHIVE";
    /** Exporting records (CSV, reports with person-level rows). */
    public static final String EXPORT = "EXPORT";
    /** Decrypting a service user's access notes. */
    public static final String REVEAL_ACCESS_NOTES = "REVEAL_ACCESS_NOTES";

    private static final Pattern OPERATION = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The organisation recorded for the platform's own work, which has none. */
    static final UUID PLATFORM = new UUID(0, 0);

    private final DatabaseClient client;
    private final TenantContextProvider tenants;
    private final TransactionalOperator newTransaction;

    AuditLog(DatabaseClient client, TenantContextProvider tenants, ReactiveTransactionManager transactionManager) {
        this.client = client;
        this.tenants = tenants;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.newTransaction = TransactionalOperator.create(transactionManager, definition);
    }

    /**
     * Records, in a transaction of its own (even when called inside another, read-only one), that
     * the current caller did {@code operation}.
     */
    public Mono<Void> record(String operation, String table, Collection<UUID> ids) {
        return tenants.current()
                .flatMap(tenant -> asTenant(tenant)
                        .then(record(client, operation, table, ids))
                        .thenReturn(true)
                        .as(newTransaction::transactional))
                .then();
    }

    /** The same transaction-local settings {@code Transactions} gives every transaction. */
    private Mono<Void> asTenant(TenantContext tenant) {
        return client.sql("select set_config('carerota.user', :user, true), set_config('carerota.role', :role, true),"
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

    /**
     * Records inside the caller's own (read-write) transaction, so that the record and the change
     * commit or roll back together.
     */
    public Mono<Void> record(DatabaseClient db, String operation, String table, Collection<UUID> ids) {
        if (!OPERATION.matcher(operation).matches()) {
            return Mono.error(new IllegalArgumentException("audit operation must be SCREAMING_SNAKE: " + operation));
        }
        if (!TABLE.matcher(table).matches()) {
            return Mono.error(new IllegalArgumentException("audit table must be a table name: " + table));
        }
        return db.sql("insert into audit_events (organisation_id, actor_user_id, actor_username, actor_role,"
                        + " operation, table_name, record_ids)"
                        + " select coalesce(rls_organisation_id(), :platform), (select u.id from app_users u"
                        + " where lower(u.username) = lower(rls_user()) limit 1), coalesce(rls_user(), 'unknown'),"
                        + " rls_role(), :operation, :table, :ids")
                .bind("platform", PLATFORM)
                .bind("operation", operation)
                .bind("table", table)
                .bind("ids", ids.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }
}
