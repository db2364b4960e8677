package org.carerota.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to run when the application's own database role could escape row-level security: a
 * superuser or a role with BYPASSRLS. Warns when it owns the tables (an owner can switch RLS off).
 * Set {@code carerota.security.allow-privileged-database-role=true} only to investigate.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseRoleCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoleCheck.class);

    private final DatabaseClient db;
    private final boolean allowPrivileged;

    DatabaseRoleCheck(
            DatabaseClient db,
            @Value("${carerota.security.allow-privileged-database-role:false}") boolean allowPrivileged) {
        this.db = db;
        this.allowPrivileged = allowPrivileged;
    }

    /** What the application's role may do. */
    record Privileges(String role, boolean superuser, boolean bypassesRls, boolean ownsTables) {}

    @Override
    public void run(ApplicationArguments args) {
        Privileges privileges = db.sql("select current_user as role, r.rolsuper, r.rolbypassrls,"
                        + " exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = 'public' and c.relkind = 'r' and c.relowner = r.oid) as owns"
                        + " from pg_roles r where r.rolname = current_user")
                .map(row -> new Privileges(
                        row.get("role", String.class),
                        Boolean.TRUE.equals(row.get("rolsuper", Boolean.class)),
                        Boolean.TRUE.equals(row.get("rolbypassrls", Boolean.class)),
                        Boolean.TRUE.equals(row.get("owns", Boolean.class))))
                .one()
                .block();
        if (privileges == null) {
            throw new IllegalStateException("cannot tell which database role the application uses");
        }
        if ((privileges.superuser() || privileges.bypassesRls()) && !allowPrivileged) {
            throw new IllegalStateException("the application connects to the database as " + privileges.role()
                    + ", which " + (privileges.superuser() ? "is a superuser" : "bypasses row-level security")
                    + ": connect as carerota_app (DATABASE_USER) and run migrations as the owner"
                    + " (DATABASE_MIGRATION_USER)");
        }
        if (privileges.ownsTables()) {
            log.warn(
                    "The application connects as {}, which owns the tables: set DATABASE_USER=carerota_app and"
                            + " DATABASE_MIGRATION_USER to the owner",
                    privileges.role());
        } else {
            log.info("Database role {}: no superuser, no BYPASSRLS, owns no table", privileges.role());
        }
    }
}
