package org.carerota.sync.testdata;

import org.carerota.infra.db.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

/**
 * One migrated database for the whole test JVM (tests isolate themselves by creating their own
 * organisations and carers). Migrated with Flyway from infra's {@code db/migration}.
 */
public final class SyncDatabase {

    public static final String APP_ROLE = "carerota_app";

    private static SyncDatabase instance;

    private final EmbeddedDatabase server;
    private final String name;
    private final ConnectionFactory unpooledOwner;
    private final ConnectionFactory owner;
    private final ConnectionFactory app;

    private SyncDatabase() {
        server = EmbeddedDatabase.forTests();
        name = server.createDatabase("sync");
        Flyway.configure()
                .dataSource(server.jdbcUrl(name), server.user(), server.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        unpooledOwner = factory(server.user(), server.password());
        owner = pool(unpooledOwner);
        app = pool(factory(APP_ROLE, ""));
    }

    public static synchronized SyncDatabase get() {
        if (instance == null) {
            instance = new SyncDatabase();
        }
        return instance;
    }

    private ConnectionFactory factory(String user, String password) {
        return new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("localhost")
                .port(server.port())
                .database(name)
                .username(user)
                .password(password)
                .build());
    }

    private static ConnectionFactory pool(ConnectionFactory factory) {
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .initialSize(0)
                .maxSize(8)
                .build());
    }

    /** A connection of its own per subscriber (LISTEN). */
    public ConnectionFactory unpooledOwnerConnections() {
        return unpooledOwner;
    }

    /** Connections as the schema owner (a superuser: row-level security does not apply). */
    public ConnectionFactory ownerConnections() {
        return owner;
    }

    /** Connections as the application role (row-level security applies). */
    public ConnectionFactory appConnections() {
        return app;
    }

    /** Auto-commit statements as the owner, for fixtures and assertions. */
    public DatabaseClient admin() {
        return DatabaseClient.create(owner);
    }
}
